## 可比数字：推算方法、输入值，以及无法推算的原因（src/comparable、src/web/view.rs）。
cite-undated = { $publisher }，未注明日期
cite-no-source = 无来源
derived-label-currency = 按 { $year } 年汇率换算
derived-label-per-capita = 人均
derived-label-growth = { $start }—{ $end } 年增长率
derived-role-value = 数值
derived-role-rate = 汇率
derived-role-population = 人口
derived-role-start = 起点
derived-role-end = 终点
derived-input-of-city = { $metric }，{ $city }
derived-input-population = { $city }人口
derived-input-rate = { $unit }，年平均汇率

## 用文字写出的算式。
derived-figure-year = { $value }（{ $year }年）
derived-formula-rate = { $rate } { $currency }/美元（{ $year }年平均汇率）
derived-formula-population = { $population } 人（{ $year }年人口）
derived-formula-ends = 起点：{ $start }；终点：{ $end }

## 数字按原样显示或无法显示的原因。
derived-no-rate = 数据中没有 { $year } 年的 { $code } 汇率：按来源原样以{ $currency }显示
derived-wider-not-divided = { $scope }的数字不作人均计算：数据中没有该地区的人口
derived-no-population = 数据中没有{ $city }在 { $year } 年前后 { $gap } 年以内的人口数字
derived-population-not-positive = { $city } { $year } 年的人口数字不是正数
derived-rank-no-growth = 排名不能复合增长：没有增长率
derived-share-no-growth = 百分比不能复合增长：没有增长率
derived-one-year = 只有一年的数字：增长率需要两年
derived-start-unavailable = 起点（{ $year }年）：{ $why }
derived-end-unavailable = 终点（{ $year }年）：{ $why }
derived-units-differ = 首尾两端的单位不同（{ $why }）
derived-starts-at-zero = 该序列 { $year } 年的起点为 { $value }：由此计算的增长率没有意义
derived-mixed-sources = 首尾两个数字来自不同来源，其定义可能不同

## 参数有误（src/web/params.rs）。
param-repeated = 给出了 { $n } 次；只能给出一次
param-not-a-year = { $value } 不是年份：请使用 { $from } 至 { $to } 之间的年份
