## 评分卡页面（templates/scorecard/*.html，src/web/scorecard）。
scorecard-title = 评分卡
scorecard-title-error = 错误：评分卡
scorecard-description = 基于有出处的数字对科技产业集群进行综合评分，权重由您设定，并显示排名在多大程度上取决于权重。
scorecard-lead = 根据您加权的数字为每个城市给出一个分数：每个数字先换算到 0 至 1 的尺度（最好的城市为 1），分数是它们的加权平均值。排名区间显示权重略有变动时城市可能获得的名次。每项输入都可展开查看其来源。
scorecard-stability = 排名的稳定性：
scorecard-share = 分享此评分卡：
scorecard-share-link = 链接
scorecard-download = 下载：
scorecard-download-html = 可分享的页面（HTML）
scorecard-compare = 比较这些城市
scorecard-form = 选择权重和城市
scorecard-weights-legend = 权重，0 至 10（留空或为 0：不纳入评分卡）
scorecard-weights-help = 可选：已加权的指标，以及至少两个所选城市有数字的其他所有城市指标。
scorecard-cities-legend = 城市（{ $min } 至 { $max } 个）
scorecard-norm = 各指标的标准化方法
scorecard-min-coverage = 参与排名所需的最低权重覆盖率
scorecard-scatter-x = 散点图：横轴
scorecard-scatter-y = 纵轴
scorecard-submit = 计算评分
scorecard-reset = 恢复预设
scorecard-ranking = 排名
scorecard-charts = 图表
scorecard-method-title = 分数的计算方法
scorecard-method-scale = 每个加权指标在有该数字的城市之间换算到 0 至 1 的尺度，1 为最好（排名类指标越小越好）。城市的分数是其已有指标的标准化数字的加权平均值；其覆盖率是这些指标所占总权重的比例。覆盖率低于最低要求的城市保留分数，但不参与排名。
scorecard-method-band = 排名区间：围绕您的权重抽取 { $samples } 组权重（狄利克雷分布，{ $params }，因此同一地址总是给出同样的结果）；区间为城市在各次抽取中名次的第 5 至第 95 百分位，并扩展到包含按您的权重得到的名次；“位居第一”是城市在抽取中排名第一的比例。
scorecard-method-limits = 局限：分数的质量取决于其所依据的数字。数据稀疏（覆盖率说明分数依据了多少权重），各城市采用的是其最新数字，年份因此不同，而且各来源对从业人员和收入的定义各不相同。只有城市本身的数字计入分数，州（邦）或国家的数字从不计入。

## 指标的标准化方法。
scorecard-norm-minmax = 最小–最大值：最好为 1，最差为 0
scorecard-norm-zscore = z 分数：与平均值的距离
scorecard-norm-rank = 名次顺序：等距分布

## 排名表（templates/scorecard/table.html）。
scorecard-table-caption = 按分数排名的城市，以及每个计分数字、其年份和来源
scorecard-col-rank = 名次
scorecard-col-score = 分数
scorecard-col-coverage = 覆盖率
scorecard-col-band = 排名区间
scorecard-col-first = 位居第一
scorecard-col-weighted = { $metric }（× { $weight }）
scorecard-not-ranked = 未排名：{ $reason }
scorecard-normalised = 标准化值 { $value }
scorecard-stands-in = 取自{ $metric }
scorecard-band-range = { $low }至{ $high }
scorecard-unranked-no-data = 没有任何加权指标的数字
scorecard-unranked-low-coverage = 加权数字太少，无法排名

## 图表（src/web/scorecard/charts.rs）。
scorecard-chart-scores = 分数（0 至 1，标准化数字的加权平均值）
scorecard-chart-bands = 名次及其对权重的依赖程度
scorecard-chart-scatter = { $y }与{ $x }
scorecard-axis-score = 分数
scorecard-axis-coverage = 覆盖率
scorecard-score-source = 评分卡
scorecard-how-scored = 计分方法
scorecard-how-band = 排名区间的抽取方法
scorecard-band-formula = 围绕您的权重抽取 { $samples } 组权重（狄利克雷分布，{ $params }）所得的名次：第 5 至第 95 百分位，并扩展到包含按您的权重得到的名次
scorecard-dirichlet = 集中度 { $concentration }，随机种子 { $seed }
scorecard-rank-band = { $rank }（{ $range }）
scorecard-band-text = { $rank }，位居第一的比例 { $share }
scorecard-band-column = 名次（区间），位居第一的权重组合比例
scorecard-band-no-figure = 没有数字
scorecard-band-low-coverage = 覆盖率低
scorecard-no-score = 没有分数

## 领先城市的稳定性（src/scorecard/summary.rs）。
scorecard-summary-nobody = 没有城市有足够的数字参与排名，因此无从检验领先者。
scorecard-summary-only = { $city }是唯一参与排名的城市，因此在每组权重下都位居第一。
scorecard-summary-always = 在围绕您的权重抽取的全部 { $draws } 组权重中，{ $city }都位居第一。
scorecard-summary-leader = { $lead }。
scorecard-summary-leader-runner-up = { $lead }，{ $runner_up }。
scorecard-summary-lead = { $among }，{ $first }
scorecard-summary-draws = 在围绕您的权重抽取的 { $draws } 组权重中
scorecard-summary-runner-up = { $city }为 { $share }
scorecard-summary-open = 没有城市在多数权重组合中领先：在围绕您的权重抽取的 { $draws } 组中，{ $named }。
scorecard-summary-first = { $city }有 { $share } 位居第一
scorecard-summary-also = { $city }为 { $share }
scorecard-list-comma = ，
scorecard-list-and = ，

## 表单中的错误（src/web/scorecard/query.rs，src/scorecard/error.rs）。
scorecard-error-weight-twice = 出现了两次；每个权重只需给一次
scorecard-error-not-a-parameter = { $param } 不是此页面的参数
scorecard-error-min-coverage = { $value } 不是 0 至 1 之间的数
scorecard-error-unknown-metric = { $metric } 不是指标目录中的指标
scorecard-error-wider-scope = { $metric }是{ $scope }的数字：只有城市本身的数字才计入分数
scorecard-error-not-a-weight = { $value } 不是有效的权重：请使用 0 至 { $max } 之间的数
scorecard-error-neutral = { $metric }无所谓高好还是低好：不能加权
scorecard-error-all-zero = 所有权重都为 0：请至少给一个指标大于 0 的权重
scorecard-error-city-count = 评分卡比较 { $range } 个城市，而不是 { $count } 个
scorecard-range = { $min } 至 { $max }
scorecard-error-min-coverage-range = 最低覆盖率必须是 0 至 1 之间的数，而不是 { $value }
scorecard-error-weight-range = { $metric } 的权重必须是{ $range }
scorecard-range-not = 0 至 { $max } 之间的数，而不是 { $value }
scorecard-error-neutral-weighted = { $metric } 不能加权：数字高低无所谓好坏
scorecard-error-no-weight = 至少要有一个指标的权重大于 0

## 导出的文件（templates/export/scorecard.html）。
scorecard-export-brand = Clusterscope 评分卡
scorecard-export-from = 于 { $date } 从 Clusterscope 导出
scorecard-export-live = ；在线评分卡位于
scorecard-export-version = （数据版本 { $version }）。
scorecard-export-promise = 每个数字都可展开查看其来源和原文引文；全部来源列于文末。
scorecard-export-sources = 来源
scorecard-export-undated = 未注明日期
scorecard-export-accessed = （访问于 { $date }）
scorecard-export-method = 每个指标在有该数字的城市之间换算到 0 至 1 的尺度；分数是城市标准化数字的加权平均值；排名区间是围绕这些权重抽取的 { $samples } 组权重下其名次的第 5 至第 95 百分位（狄利克雷分布，{ $params }）。只有城市本身的数字计入分数。
