## 搜索（templates/search.html，src/web/search.rs）。
search-title = 搜索
search-title-query = 搜索：{ $q }
search-form-label = 在本页搜索
search-field-label = 名称中有以此开头的词的城市、园区和企业
search-submit = 搜索
search-help = 匹配名称中任一词的开头：“dal”可找到 Dalian（大连），“soft”可找到 Dalian Software Park（大连软件园），但“lian”什么也找不到。中文名称按其中任意部分匹配：“软件园”可找到大连软件园，“中国”可找到中国的城市。
search-type-letters = 请输入要搜索的字母或数字。
search-many = 很多；只列出前若干个匹配中最相关的
search-group-cities = 城市
search-group-parks = 园区
search-group-companies = 企业
search-no-cities = 没有匹配的城市。
search-no-parks = 没有匹配的园区。
search-no-companies = 没有匹配的企业。
search-more = 匹配的名称多于此处排出的：请加一个词以缩小搜索范围。
search-error-too-long = 超过 { $max } 个字符
