## 每个页面的框架（templates/base.html）。
site-description = 比较各地科技产业集群（城市及其科技园区和企业）的数据，每个数字都标明来源和年份。
site-skip = 跳到正文
nav-label = 主导航
nav-dashboard = 总览
nav-compare = 比较
nav-scorecard = 评分卡
nav-cities = 城市
nav-companies = 企业
nav-sources = 来源
search-label = 站内搜索
search-field = 搜索城市、园区和企业
search-placeholder = 搜索名称
search-button = 搜索
footer-promise = 每个数字都链接到其出处并附原文引文。来源未提供的数字显示为缺失，绝不估算。
footer-sources = 全部来源
footer-changes = 数据变更记录
footer-about = Clusterscope，开源项目 · 参考数据集：亚洲、欧洲和美洲的 18 个科技产业集群。
