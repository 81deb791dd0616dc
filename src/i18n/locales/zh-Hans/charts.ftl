## 图表（src/charts、src/web/charts、templates/charts）：坐标轴、说明、提示文字，以及 SVG
## 的 <desc> 中用文字描述的图表内容。

list-and = { $init }和{ $last }
chart-desc = { $head }。{ $body }。
chart-desc-item = { $label }：{ $values }
chart-desc-named = { $name } { $value }
chart-desc-value-year = { $year }年 { $value }
chart-desc-no-figure = { $label }：无数字
chart-tooltip-year = { $what }，{ $year }年：{ $value }（{ $source }）
chart-tooltip = { $what }：{ $value }（{ $source }）

chart-log-refused = 对数刻度需要正值，而部分数值为零或负数，因此使用线性刻度。
chart-axis-log = { $unit }，对数刻度
chart-rank-axis-left = 名次（第1名最好，位于左侧）
chart-rank-axis-top = 名次（第1名最好）
chart-axis-up = { $title }（纵轴）
chart-axis-across = { $title }（横轴）
chart-no-figure = 数据中没有此数字
chart-wide-only = 这些是全州（邦）或全国的数字，不是该城市的数字。
chart-wide-pale = 浅色条为全州（邦）（虚线边框）或全国（点线边框）的数字，不是该城市的数字。
chart-wide-dashed = 虚线为全州（邦）的数字，点线为全国的数字，不是该城市的数字。

hbar-desc-bars = { $title }条形图
hbar-desc-bars-log = { $title }条形图，对数刻度
hbar-desc-dots = { $title }名次点图（第1名最好）
hbar-desc-dots-log = { $title }名次点图（第1名最好），对数刻度

line-desc = { $title }逐年折线图
line-desc-log = { $title }逐年折线图，对数刻度
line-desc-rank = { $title }逐年折线图，以名次表示，第1名在最上方
line-desc-series = { $name }：{ $n } 个数字，从 { $first } 年（{ $first_value }）到 { $last } 年（{ $last_value }）
line-desc-one = { $name }：1 个数字，{ $year } 年（{ $value }）
line-desc-none = { $name }：没有数字

matrix-desc = 各城市以哪些行业见长的矩阵图，依据来源所述
matrix-desc-none = { $city }：来源未提及
matrix-cell-known = { $city }：{ $sector }（{ $source }）
matrix-cell-unknown = { $city }：数据中没有来源提到{ $sector }
matrix-note = 实心圆点：数据中有来源称该城市以此行业见长。小圆圈：数据中没有来源这样说，但这并不表示“否”。

bands-desc = 各城市在您所设权重下的名次（圆点），以及在您的权重附近随机抽取的十组权重中有九组落入的名次范围（色带），第1名在左侧
bands-rank-range = { $rank }（{ $low }至{ $high }） · 排第一的比例 { $share }
bands-rank-steady = { $rank }，稳定 · 排第一的比例 { $share }
bands-unranked = 未排名：{ $why }
bands-no-score = 无得分

scatter-desc = { $x }（横轴）与{ $y }（纵轴）的散点图：{ $points }。
scatter-desc-point = { $label }位于 { $x } 和 { $y }
scatter-point = { $label }：{ $x_title } { $x }，{ $y_title } { $y }

map-desc-one = { $city }周边地区地图（等地球投影）。
map-desc = 标出 { $n } 个城市的地图（等地球投影）：{ $cities }。
map-desc-all-highlighted = 所有城市均已突出显示。
map-desc-highlighted = 突出显示：{ $cities }。
map-desc-some-named = 在此尺寸下，地图上只标注突出显示的城市名称。
map-desc-none-named = 在此尺寸下，地图上不标注城市名称。
map-desc-list-names-all = 在此尺寸下，地图上未标注所有城市名称；旁边的列表列出了全部城市。

## 比较中各指标系列的图表（src/web/charts）。
chart-series-metric = { $city } · { $metric }
chart-derived-from = 由{ $source }等来源推算
chart-with-wider = { $title }（含更大范围的数字）
chart-all-in-usd = { $title }（全部换算为美元）
chart-col-year = 年份
chart-no-lines-none = 这里没有任何城市拥有自己的“{ $title }”数字，也没有跨越三年的序列：数字列在表中。
chart-no-lines-one = 只有{ $city }拥有自己的“{ $title }”数字，且不足三年：图表无从比较，因此数字列在表中。
chart-no-bars-none = 这里没有任何城市拥有自己的“{ $title }”数字，只有更大范围地区的数字，画成图表会误将其当作可比数字。数字列在表中。
chart-no-bars-one = 只有{ $city }拥有自己的“{ $title }”数字：图表无从比较，因此数字列在表中。
chart-derived = 推算数字：{ $how }。表中列出每个输入值及其来源。
chart-derived-currency = 金额按各数字所属年份的平均汇率换算为美元
chart-derived-per-capita = 除以时间最接近的城市人口
chart-derived-growth = 每个序列换算为其年均复合增长率
chart-left-out = 无法换算的数字（缺少其所属年份的汇率）列在表中，未画入图表。
