## The scorecard page (templates/scorecard/*.html, src/web/scorecard).
scorecard-title = Scorecard
scorecard-title-error = Error: Scorecard
scorecard-description = A composite score of technology clusters over cited figures, with your own weights and how much the ranking depends on them.
scorecard-lead = One score per city from the figures you weight: each figure is put on a 0 to 1 scale (1 the best city), and the score is their weighted mean. The band shows the ranks a city takes when the weights move a little. Every input opens to its source.
scorecard-stability = How stable the ranking is:
scorecard-share = Share this scorecard:
scorecard-share-link = link
scorecard-download = Download:
scorecard-download-html = page to share (HTML)
scorecard-compare = Compare these cities
scorecard-form = Choose the weights and the cities
scorecard-weights-legend = Weights, 0 to 10 (empty or 0: not on the card)
scorecard-weights-help = Offered: the weighted metrics and every other city metric that at least two of the cities have a figure for.
scorecard-cities-legend = Cities ({ $min } to { $max })
scorecard-norm = Scale each metric by
scorecard-min-coverage = Rank cities with at least this share of the weight
scorecard-scatter-x = Scatter: across
scorecard-scatter-y = up
scorecard-submit = Score
scorecard-reset = Start again from the preset
scorecard-ranking = Ranking
scorecard-charts = Charts
scorecard-method-title = How the score is made
scorecard-method-scale = Each weighted metric is put on a 0 to 1 scale over the cities that have a figure for it, 1 being best (for a rank, lower is better). A city's score is the weighted mean of its scaled figures, over the metrics it has; its coverage is the share of the total weight those metrics carry. Cities whose coverage is below the minimum keep their score but get no rank.
scorecard-method-band = The band: { $samples } sets of weights are drawn around yours (a Dirichlet distribution with { $params }, so the same address always gives the same answer); the band runs from the 5th to the 95th percentile of a city's rank over the draws, widened to include its rank at your weights, and "first in" is the share of draws in which it comes first.
scorecard-method-limits = Limits: a score is only as good as the figures under it. Data are sparse (coverage says how much of the weight a score rests on), figures are each city's latest, so years differ, and sources define workforces and revenues in their own ways. Only a city's own figures enter its score, never a state's or country's.

## Ways of scaling a metric.
scorecard-norm-minmax = Min–max: best 1, worst 0
scorecard-norm-zscore = z-score: distance from the mean
scorecard-norm-rank = Rank order: evenly spaced

## The ranked table (templates/scorecard/table.html).
scorecard-table-caption = Cities ranked by score, with each figure scored, its year and its source
scorecard-col-rank = Rank
scorecard-col-score = Score
scorecard-col-coverage = Coverage
scorecard-col-band = Band
scorecard-col-first = First in
# A weighted metric's column: "IT industry employees (× 3)".
scorecard-col-weighted = { $metric } (× { $weight })
scorecard-not-ranked = not ranked: { $reason }
scorecard-normalised = normalised { $value }
scorecard-stands-in = from { $metric }
scorecard-band-range = { $low } to { $high }
scorecard-unranked-no-data = no figure for any weighted metric
scorecard-unranked-low-coverage = too few of the weighted figures to be ranked

## The charts (src/web/scorecard/charts.rs).
scorecard-chart-scores = Scores (0 to 1, weighted mean of the normalised figures)
scorecard-chart-bands = Rank and how much it depends on the weights
scorecard-chart-scatter = { $y } against { $x }
scorecard-axis-score = score
scorecard-axis-coverage = coverage
scorecard-score-source = the scorecard
scorecard-how-scored = how it is scored
scorecard-how-band = how the band is drawn
scorecard-band-formula = ranks in { $samples } weightings drawn around yours (Dirichlet, { $params }): 5th to 95th percentile, widened to hold the rank at your weights
scorecard-dirichlet = concentration { $concentration }, seed { $seed }
scorecard-rank-band = { $rank } ({ $range })
scorecard-band-text = { $rank }, first in { $share }
scorecard-band-column = Rank (band), share of weightings first
scorecard-band-no-figure = no figure
scorecard-band-low-coverage = low coverage
scorecard-no-score = no score

## How stable the leader is (src/scorecard/summary.rs).
scorecard-summary-nobody = No city has enough figures to be ranked, so there is no leader to test.
scorecard-summary-only = { $city } is the only city ranked, so it is first in every weighting.
scorecard-summary-always = { $city } is first in all { $draws } weightings drawn around yours.
scorecard-summary-leader = { $lead }.
scorecard-summary-leader-runner-up = { $lead }, { $runner_up }.
scorecard-summary-lead = { $first } { $among }
scorecard-summary-draws = of { $draws } weightings drawn around yours
scorecard-summary-runner-up = { $city } in { $share }
scorecard-summary-open = No city leads in most weightings: { $named } of { $draws } drawn around yours.
scorecard-summary-first = { $city } is first in { $share }
scorecard-summary-also = { $city } in { $share }
scorecard-list-comma = {", "}
scorecard-list-and = {" and "}

## The form's mistakes (src/web/scorecard/query.rs, src/scorecard/error.rs).
scorecard-error-weight-twice = is given twice; give each weight once
scorecard-error-not-a-parameter = { $param } is not a parameter of this page
scorecard-error-min-coverage = { $value } is not a number from 0 to 1
scorecard-error-unknown-metric = { $metric } is not a metric of the catalogue
scorecard-error-wider-scope = { $metric } is a figure for the { $scope }: only a city's own figures enter its score
scorecard-error-not-a-weight = { $value } is not a weight: use a number from 0 to { $max }
scorecard-error-neutral = { $metric } is neither better high nor low: it cannot be weighted
scorecard-error-all-zero = every weight is 0: give at least one metric a weight above 0
scorecard-error-city-count = a scorecard compares { $range } cities, not { $count }
scorecard-range = { $min } to { $max }
scorecard-error-min-coverage-range = the minimum coverage must be a number from 0 to 1, not { $value }
scorecard-error-weight-range = the weight of { $metric } must be { $range }
scorecard-range-not = a number from 0 to { $max }, not { $value }
scorecard-error-neutral-weighted = { $metric } cannot be weighted: a higher figure is neither better nor worse
scorecard-error-no-weight = at least one metric needs a weight above 0

## The exported file (templates/export/scorecard.html).
scorecard-export-brand = Clusterscope scorecard
scorecard-export-from = Exported from Clusterscope on { $date }
scorecard-export-live = ; the live scorecard is at
scorecard-export-version = (data version { $version }).
scorecard-export-promise = Every figure opens to its source and the exact quote; the sources are listed at the end.
scorecard-export-sources = Sources
scorecard-export-undated = undated
scorecard-export-accessed = (accessed { $date })
scorecard-export-method = Each metric is put on a 0 to 1 scale over the cities that have it; a score is the weighted mean of a city's scaled figures; the band is the 5th to 95th percentile of its rank over { $samples } weightings drawn around these (Dirichlet, { $params }). Only a city's own figures enter its score.
