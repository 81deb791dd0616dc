## 各页面共用的词：数字的范围，带范围的指标名称。
scope-city = 城市
scope-district = 区
scope-park = 单个园区
scope-state = 全州（邦）
scope-national = 全国
metric-with-scope = { $metric }（{ $scope }）

## 数字及其来源（templates/macros.html）。
cite-source = 来源：
cite-derived = 此数字的推算方法：
not-in-data = 数据中没有
chart-numbers = 图中数字及其来源

## 园区表和企业表的列。
col-park = 园区
col-city = 城市
col-opened = 启用年份
col-area = 面积
col-companies = 企业数
col-employees = 从业人员
col-foreign-owned = 外资占比
col-sources = 来源
col-company = 企业
col-sector = 行业
col-headquarters = 总部所在国
col-founded = 成立或进驻年份
col-employees-in-city = 本市员工
col-revenue-group = 收入（集团）

## 一次数据变更。
change-version = 数据版本 { $version }
change-no-reason = 未记录原因。
change-built-in = 程序内置的参考数据集
change-by = 操作者：{ $actor }；{ $origin }。
change-counts = 新增 { $new } 行，修改 { $changed } 行
change-keys = 键
change-more-keys = 另有 { $n } 个

## 表单有误时。
form-problem = 尚未显示结果：
form-parameter = 参数
form-accepts = 可接受的值：

## 使数字可比。
comparable-legend = 使数字可以比较
comparable-money = 金额
comparable-as-published = 按来源原样
comparable-in-usd = 换算为美元（按所引年度汇率）
comparable-figures = 数字
comparable-whole-city = 全市
comparable-per-resident = 人均
comparable-growth = 年均增长率（CAGR）
comparable-up-to = 截至
comparable-latest = 最新
derived-heading = 这些数字已做可比处理：
derived-currency = 其他货币的金额按每个数字所属年份的所引年平均汇率换算为美元（没有所引汇率的年份保持原样并注明）；
derived-per-capita = 金额、从业人数和计数除以时间最接近（两年以内）的城市人口数字（全州或全国的数字不作除法，排名、百分比和价格保持原样）；
derived-growth = 每个序列换成其首尾年份之间的年均复合增长率，若有一个来源同时给出首尾两年则取自同一来源；
derived-year = 只计 { $year } 年及以前的数字；
derived-inputs = 每个推算数字都可展开查看其输入值、来源和算式。
derived-as-published = 查看来源原样的数字。

## 城市选择器和地图。
picker-presets = 预设：
map-list-title = 地图上的城市
map-unmapped = 因数据中没有坐标而未在地图上标出：{ $cities }。

## 错误页面。
error-status = 错误 { $status }
error-accepts = 可接受：
error-allowed = 允许的值：
error-parameters = 此页面接受的参数：
error-back = 返回总览
error-all-cities = 全部城市
error-not-allowed = { $value } 不是 { $param } 可接受的值
error-bad-request = 无法处理此请求
error-not-found = 找不到页面
error-nothing-here = 这里没有{ $what }。
error-uri-too-long = 地址过长
error-uri-too-long-message = { $reason }。请减少筛选条件。
error-too-large = 请求过大
error-disk-full = 服务器磁盘已满
error-internal = 服务器出错
error-internal-message = 服务器无法生成此页面。错误已记录。
thing-page = 此页面
thing-file = 此文件
thing-city = 城市
thing-park = 园区
thing-company = 企业
thing-source = 来源

## 世界区域（选择器的分组；中文页面上城市所在区域）。
region-east-asia = 东亚
region-south-asia = 南亚
region-southeast-asia = 东南亚
region-middle-east = 中东
region-europe = 欧洲
region-americas = 美洲
region-africa = 非洲
region-oceania = 大洋洲
region-elsewhere = 其他地区
list-separator = ；
map-note-some = 会更靠近其他城市标记的名称没有在地图上标出；列表列出了所有城市。
map-note-highlighted = 在此尺寸下地图只标出突出显示的城市；列表列出了所有城市。
map-note-none = 此处地图太小，无法标出名称；列表列出了所有城市。
