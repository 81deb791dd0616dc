## 单个科技园区（templates/parks/profile.html）。
park-description = { $park }，{ $city }：园区数字及其来源。
park-breadcrumb = 导航路径
park-cities = 城市
park-in = 科技园区，位于
park-opened = 启用年份
park-area = 面积
park-companies = 企业数
park-employees = 从业人员
park-foreign-share = 外资企业占比
park-sources = 来源
park-sources-help = 这些数字在数据中没有各自的年份；来源的出版年份和下方引文可说明其时间。
park-companies-title = 数据中的企业
park-no-companies = 数据中没有企业位于此园区。
park-companies-first = 按名称排列的前 { $n } 家（共 { $total } 家）；
park-companies-all = 查看全部
park-end = 。
