## Comparable figures: how each was derived, its inputs, and why one cannot be (src/comparable,
## src/web/view.rs).
# A source without a year: "INTHEBLACK, undated".
cite-undated = { $publisher }, undated
cite-no-source = no source
derived-label-currency = converted at the { $year } rate
derived-label-per-capita = per resident
derived-label-growth = growth { $start } to { $end }
derived-role-value = value
derived-role-rate = exchange rate
derived-role-population = population
derived-role-start = start
derived-role-end = end
derived-input-of-city = { $metric }, { $city }
derived-input-population = Population of { $city }
derived-input-rate = { $unit }, annual average

## The arithmetic in words: "RMB 105.3 bn (2017) ÷ 6.7518 RMB per US$ (2017 annual average) = US$15.6 bn".
derived-figure-year = { $value } ({ $year })
derived-formula-rate = { $rate } { $currency } per US$ ({ $year } annual average)
derived-formula-population = { $population } persons ({ $year } population)
derived-formula-ends = start: { $start }; end: { $end }

## Why a figure is shown as published, or not at all.
derived-no-rate = no { $code } rate for { $year } in the data: shown in { $currency } as published
derived-wider-not-divided = a figure for the { $scope } is not divided: the data has no population of that area
derived-no-population = no population figure of { $city } within { $gap } years of { $year }
derived-population-not-positive = the { $year } population figure of { $city } is not positive
derived-rank-no-growth = a rank does not compound: no growth rate
derived-share-no-growth = a percentage does not compound: no growth rate
derived-one-year = one year only: a growth rate needs two
derived-start-unavailable = the start ({ $year }): { $why }
derived-end-unavailable = the end ({ $year }): { $why }
derived-units-differ = the two ends are in different units ({ $why })
derived-starts-at-zero = the series starts at { $value } in { $year }: growth from there is undefined
derived-mixed-sources = the first and last figures come from different sources, whose definitions may differ

## Parameters given wrong (src/web/params.rs).
param-repeated = is given { $n } times; give it once
param-not-a-year = { $value } is not a year: use a year from { $from } to { $to }
