## 数据覆盖页面（templates/coverage/index.html）：数据中有哪些核心指标是城市本身的数字，最新数字有多旧。
coverage-title = 核心指标覆盖情况
coverage-title-error = 错误：核心指标覆盖情况
coverage-description = 每个城市在 { $total } 项核心指标中有哪些城市本身的数字，以及最新数字的年份。
coverage-lead = 对每个城市，列出 { $total } 项核心指标中数据里有哪些属于城市本身的数字，以及最新数字的年份。空缺表示尚未找到提供该城市数字的来源，并不表示没有可统计的内容。
coverage-help = 只有描述城市本身的数字才计入：全州（邦）、地区或全国的数字无论有多少都不计入。
coverage-rule-link = 哪些数字计入
coverage-data-as = 本页数据：
coverage-order = 排列顺序：
coverage-order-name = 按城市名称
coverage-order-have = 指标多者在前
coverage-legend = 单元格底色的含义（截至 { $year } 年）
coverage-caption = 各项核心指标的城市数字最新年份（截至 { $year } 年）
coverage-scroll-hint = 表格可左右滚动，城市名称始终可见。表格下方的列表按城市列出同样的信息。
coverage-col-have = 已有
coverage-have-of = / { $total }
coverage-cities-with-it = 有此指标的城市
coverage-cities-of = { $n } / { $total }
coverage-missing = 缺失
coverage-cell-evidence = 在城市页面查看这些数字

## 数字的新旧（src/coverage/age.rs）。
coverage-age-recent = 不超过 { $years } 年
coverage-age-ageing = { $from } 至 { $to } 年
coverage-age-old = 超过 { $years } 年
coverage-age-missing = 缺失：没有城市数字

## 矩阵下方按城市列出的缺项。
coverage-summary-title = 各城市已有和缺少的指标
coverage-summary-colon = ：
coverage-summary-count = 已有 { $have } 项（共 { $total } 项）
coverage-summary-missing = { $count }，缺少：{ $list }
coverage-summary-complete = { $count }，全部齐备
coverage-list-comma = 、

## 十项核心指标（src/coverage/mod.rs）：名称，以及用通俗的话说明哪些数字计入。
coverage-indicator-population = 人口
coverage-indicator-it-workforce = IT 从业人员
coverage-indicator-it-revenue = IT 产业收入
coverage-indicator-it-exports = IT 出口
coverage-indicator-it-companies = IT 企业数
coverage-indicator-outsourcing-rank = 外包排名
coverage-indicator-graduates = 毕业生
coverage-indicator-gdp = GDP
coverage-indicator-venture-capital = 风险投资
coverage-indicator-startups = 初创企业
coverage-counts-population = 城市的常住人口：所引用的人口数字，或城市概况中带年份的人口。
coverage-counts-it-workforce = 城市 IT 产业或科技行业的从业人数，不论来源如何界定。
coverage-counts-it-revenue = 城市的任何 IT 产业收入数字，币种不限。
coverage-counts-it-exports = 城市的任何 IT 出口数字，币种不限。
coverage-counts-it-companies = 城市的 IT 或软件企业数量。
coverage-counts-outsourcing-rank = 城市在 Tholons 外包目的地排名中的位次。
coverage-counts-graduates = 城市高校每年输送的毕业生人数。
coverage-counts-gdp = 城市的 GDP，币种不限。
coverage-counts-venture-capital = 城市企业一年内获得的风险投资，币种不限。
coverage-counts-startups = 城市的科技初创企业数量。

## 计入规则。
coverage-rule-title = 哪些数字计入
coverage-rule-intro = 单元格中的年份是所有计入数字中最新的年份；底色将其与 { $year } 年相比较。
coverage-exact-title = 计入的确切指标
coverage-exact-star = 以 * 结尾的名称代表所有以此开头的指标。
coverage-exact-scope-before = 只有当指标定义的范围为
coverage-exact-scope-middle = 且指标名称不以
coverage-exact-scope-after = 结尾时，数字才计入。
coverage-exact-or = 或
coverage-exact-also-population = 或城市概况中带年份的人口
