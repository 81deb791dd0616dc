## /api 页面（templates/api.html、src/web/api）。/openapi.json 保持英文：它是程序读取的接口约定。
api-title = API
api-description = Clusterscope 数据的 JSON 与 CSV 接口：路由、参数、示例及 OpenAPI 3.1 描述。
api-lead = 每个数据页面都有机器可读的对应版本：同一地址以 .json 或 .csv 结尾，参数相同。无需密钥。每个数字都附有来源、年份和引文。
api-contract = 完整的接口约定（每个响应的结构，以及每个参数当前可取的值）见
api-contract-end = （OpenAPI 3.1，英文）。
api-data-version = 数据版本 { $version }。
api-repeat-help = 标有“可重复”的参数每个值写一次（city=dalian&city=bangalore）；其他参数最多写一次。参数有误时返回 400，JSON 正文会指出是哪个参数以及它接受什么：
api-repeat-help-end = ；未知的标识返回 404。
api-as-csv = CSV 版本：
api-parameter = 参数
api-values = 取值
api-what-it-does = 作用
api-repeat = 可重复
api-try = 试试：
api-embeds = 嵌入
api-embeds-help = 图表可连同其来源显示在其他网站上。/embed/ 页面可被任何网站放入框架（只有这些页面可以）；SVG 文件可用于 <img> 和文档。比较页提供这两种可复制的代码。

## 每个路由返回什么。
api-route-compare-json = 按所选指标比较城市：显示的每个数字及其来源，以及推算数字的计算方式。
api-route-scorecard-json = 按你设定的权重对有引用的数字计算综合得分：每个城市的排名，以及排名对权重的依赖程度。
api-route-cities-json = 城市列表，可按行业和国家筛选。
api-route-cities-slug-json = 一个城市的数据：历年数字、行业、园区、首批企业以及引用的每个来源。
api-route-companies-json = 企业列表，可按城市、行业和园区筛选，分页返回。
api-route-search-json = 按名称查找城市、园区和企业。
api-embed-compare = 比较的图表（第一组主要指标的图表，或所选指标的图表）及其来源，用于 <iframe>。参数与 /compare.json 相同。
api-embed-scorecard = 评分卡的排名区间图及其数字的来源，用于 <iframe>。参数与 /scorecard.json 相同。
api-embed-chart-svg = /embed/compare 的图表，作为独立的 SVG 文件，用于 <img> 和文档。

## 每个参数的作用（不同路由含义不同时为 api-param-路由-名称）。
api-param-currency = 按每个数字所属年份的引用汇率把金额换算为美元。
api-param-per = 把存量和流量除以时间上最接近的人口数。
api-param-year = 只取该年及以前的数字。
api-param-compare-json-city = 2 至 8 个城市，按其颜色顺序；不填：大连、班加罗尔、马尼拉大都会和硅谷。
api-param-metric = 要比较的指标；不填：主要指标。
api-param-scale = 图表的坐标轴（数据版本也接受此参数）。
api-param-growth = 把每个系列显示为复合年增长率。
api-param-scorecard-json-city = 2 至 20 个城市；不填：默认城市组。
api-param-weights = 每个指标 0 至 10 的权重，写作 w.METRIC=N（每个指标写一次）；不填：外包预设。
api-param-norm = 加权前如何把数字放到同一尺度上。
api-param-min-coverage = 城市参与排名所需有数字的权重比例（不填为 0.5）。
api-param-x = 散点图的横轴（仅页面使用；数据忽略此参数）。
api-param-y = 散点图的纵轴。
api-param-cities-json-sector = 以其中任一行业见长的城市。
api-param-country = 该国家的城市。
api-param-slug = 城市。
api-param-companies-json-city = 该城市的企业。
api-param-companies-json-sector = 该行业的企业。
api-param-park = 该科技园区内的企业（园区标识，与城市数据中列出的相同）。
api-param-page = 页码，从 1 开始。
api-param-per-page = 每页行数（不填为 50）。
api-param-after = 从这一行之后进入列表（取自 next）。
api-param-before = 从这一行之前进入列表（取自 previous）。
api-param-q = 名称中以这些字词开头的词。

## 参数的取值（/openapi.json 中也有，始终为英文）。
api-values-city = 城市标识，共 { $n } 个（见 /cities.json）
api-values-sector = 行业：{ $list }
api-values-country = 数据中写法的国家名，共 { $n } 个
api-values-metric = 指标名，共 { $n } 个（即 /compare.json 中每个指标的 metric 字段）
api-values-weights = w.METRIC=N，N 为 0 至 { $max }，适用于 { $n } 个城市自身指标中的任何一个
api-values-axis = score、coverage 或一个加权指标
api-values-or = 或
api-values-integer-range = { $min } 至 { $max } 的整数
api-values-integer-from = 从 { $min } 起的整数
api-values-number = { $min } 至 { $max } 的数
api-values-text = 最多 { $max } 个字符的文本
api-values-cursor = 行的位置，取自 next 和 previous

## 供其他网站框架使用的页面（templates/embed/chart.html、src/web/embed.rs）。
embed-brand-compare = Clusterscope 比较
embed-brand-scorecard = Clusterscope 评分卡
embed-full-compare = 完整比较
embed-full-scorecard = 完整评分卡
embed-full-view = 在 Clusterscope 查看{ $view }
embed-full-view-more = ，每个数字都有年份、来源和引文。
embed-computed = 数字由 Clusterscope 根据完整视图中有引用的数字计算得出。
embed-sources = 来源：
embed-sources-end = 。
embed-sources-sentence = 来源：{ $sources }。
embed-credit = { $sources }图表：Clusterscope。
embed-credit-at = { $sources }图表：Clusterscope，{ $site }。
