## 比较页面和可分享的文件（templates/compare、templates/export/comparison.html、src/web/compare）。
compare-heading = 比较{ $cities }
compare-title-error = 出错：比较城市
compare-cities = 比较城市
compare-lead = 每个城市每项指标的最新数字，附年份和来源。全州（邦）或全国的数字均有标注。数字按来源原样显示，除非您在下方选择将其换算为可比数字。
compare-download = 下载此比较：
compare-download-page = 可分享的页面（HTML）
compare-score = 为这些城市评分
compare-city-legend = 城市（{ $min } 至 { $max } 个）
compare-city-count = 请选择 { $min } 至 { $max } 个不同的城市进行比较（重复 city=）；实际给出了 { $n } 个
compare-metrics = 指标
compare-metrics-key = 指标（当前：主要指标）
compare-metrics-help = 不勾选则比较主要指标。
compare-scale = 图表刻度
compare-submit = 比较
compare-latest = 最新数字
compare-charts = 图表
compare-charts-none = 这些城市均没有所选指标的数字。
compare-charts-help = 每个可共用坐标轴的指标系列一张图：每根条形为最新数字并标明年份；排名以圆点表示，最好的在左侧。只有一个城市拥有自己数字的指标系列以表格列出。
compare-table-caption = 每个城市每项指标的最新数字，附年份和来源
compare-col-metric = 指标
compare-in-usd = { $metric }，换算为美元
scale-linear = 线性
scale-log = 对数

export-title = { $cities }比较
export-brand = Clusterscope 比较
export-when = 于 { $date } 从 Clusterscope 导出
export-live = ；在线比较页面：
export-version = （数据版本 { $version }）。
export-how = 每个数字都可展开查看其来源和原文引文；所有来源列于文末。
export-sources = 来源
export-undated = 未注明日期
export-accessed = （访问于 { $date }）
export-promise = 除非本文件在上文说明了可比处理方式，数字均按来源原样列出：来源中没有的数字显示为缺失，绝不估算。全州（邦）或全国的数字均有相应标注。

## 比较页的嵌入代码（templates/compare/index.html）。
compare-embed = 在其他网站嵌入第一张图表
compare-embed-help = 框架（iframe）可在任何网站显示图表及其来源，并附回到本页的链接；图片只包含图表本身，适用于网页和文档。
compare-embed-relative = 请在每个路径前加上本站地址。
compare-embed-frame = 框架
compare-embed-image = 图片
