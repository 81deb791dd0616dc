## The /api page (templates/api.html, src/web/api). /openapi.json stays in English: it is the
## contract programs read.
api-title = API
api-description = The data of Clusterscope as JSON and CSV: routes, parameters, examples and an OpenAPI 3.1 description.
api-lead = Every page of data has machine-readable twins: the same address ending in .json or .csv, with the same parameters. No key is needed. Each figure comes with its source, year and quote.
api-contract = The whole contract, with the schema of every answer and the values each parameter takes now, is in
api-contract-end = (OpenAPI 3.1, in English).
api-data-version = Data version { $version }.
api-repeat-help = A parameter marked “repeat” is given once per value (city=dalian&city=bangalore); the others at most once. A mistake gets a 400 with a JSON body naming the parameter and what it accepts:
api-repeat-help-end = ; an unknown slug a 404.
api-as-csv = As CSV:
api-parameter = Parameter
api-values = Values
api-what-it-does = What it does
api-repeat = repeat
api-try = Try:
api-embeds = Embeds
api-embeds-help = A chart with its sources can be shown on another site. The /embed/ pages may be framed by any site (and only they); the SVG file works in an <img> and in documents. The compare page offers both as snippets to copy.

## What each route answers.
api-route-compare-json = A comparison of cities on chosen metrics: every figure shown, with its source, and how derived ones were made.
api-route-scorecard-json = A composite score over cited figures with your weights, each city's rank and how much it depends on them.
api-route-cities-json = The cities, filtered by sector and country.
api-route-cities-slug-json = One city's data: its figures over the years, sectors, parks, first companies and every source cited.
api-route-companies-json = Companies, filtered by city, sector and park, a page at a time.
api-route-search-json = Cities, parks and companies by name.
api-embed-compare = A comparison's chart (the first key family's, or that of the chosen metrics) with its sources, for an <iframe>. Same parameters as /compare.json.
api-embed-scorecard = A scorecard's rank bands with the sources of its figures, for an <iframe>. Same parameters as /scorecard.json.
api-embed-chart-svg = The chart of /embed/compare as a standalone SVG file, for <img> and documents.

## What each parameter does (api-param-ROUTE-NAME where routes differ).
api-param-currency = Converts money to US dollars at the cited rate of each figure's year.
api-param-per = Divides stocks and flows by the population nearest in time.
api-param-year = Only figures of this year or before.
api-param-compare-json-city = 2 to 8 cities, in the order of their colours; none: Dalian, Bangalore, Metro Manila and Silicon Valley.
api-param-metric = The metrics to compare; none: the key metrics.
api-param-scale = The charts' axis (accepted by the twins too).
api-param-growth = Each series as its compound annual growth rate.
api-param-scorecard-json-city = 2 to 20 cities; none: the default set.
api-param-weights = A weight from 0 to 10 per metric, as w.METRIC=N (repeat for each); none: the outsourcing preset.
api-param-norm = How figures are put on one scale before weighting.
api-param-min-coverage = The share of the weight a city needs figures for to be ranked (0.5 if absent).
api-param-x = The scatter chart's horizontal axis (the page's; the data ignores it).
api-param-y = The scatter chart's vertical axis.
api-param-cities-json-sector = Cities known for any of these sectors.
api-param-country = Cities of this country.
api-param-slug = The city.
api-param-companies-json-city = Companies in this city.
api-param-companies-json-sector = Companies of this sector.
api-param-park = Companies in this tech park (its slug, as a city's data lists it).
api-param-page = The page, from 1.
api-param-per-page = Rows per page (50 if absent).
api-param-after = Enter the list after this row (from next).
api-param-before = Enter the list before this row (from previous).
api-param-q = Words that start words of a name.

## The values a parameter takes (also in /openapi.json, always in English).
api-values-city = a city's slug, one of { $n } (listed by /cities.json)
api-values-sector = a sector: { $list }
api-values-country = a country as the data names it, one of { $n }
api-values-metric = a metric's name, one of { $n } (the metric field of each metric in /compare.json)
api-values-weights = w.METRIC=N with N from 0 to { $max }, for any of { $n } metrics of a city's own
api-values-axis = score, coverage or a weighted metric
api-values-or = or
api-values-integer-range = a whole number from { $min } to { $max }
api-values-integer-from = a whole number from { $min }
api-values-number = a number from { $min } to { $max }
api-values-text = text of up to { $max } characters
api-values-cursor = a row's position, as next and previous give it

## Pages made for other sites' frames (templates/embed/chart.html, src/web/embed.rs).
embed-brand-compare = Clusterscope comparison
embed-brand-scorecard = Clusterscope scorecard
embed-full-compare = The whole comparison
embed-full-scorecard = The whole scorecard
embed-full-view = { $view } on Clusterscope
embed-full-view-more = , with every figure's year, source and quote.
embed-computed = Figures computed by Clusterscope from the cited figures of the full view.
embed-sources = Sources:
embed-sources-end = .
embed-sources-sentence = Sources: { $sources }.
embed-credit = { $sources } Chart: Clusterscope.
embed-credit-at = { $sources } Chart: Clusterscope, { $site }.
