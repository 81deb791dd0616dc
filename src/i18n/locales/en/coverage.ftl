## The coverage page (templates/coverage/index.html): which core indicators the data has a
## figure for the city itself for, and how old the latest is.
coverage-title = Coverage of core indicators
coverage-title-error = Error: Coverage of core indicators
coverage-description = For each city, which of { $total } core indicators the data has a city figure for, and the year of the latest.
coverage-lead = For each city, which of { $total } core indicators the data has a figure for the city itself, and the year of the latest one. A gap means no source with a city figure was found, not that there is nothing to count.
coverage-help = A figure counts only when it describes the city itself: figures for a whole state, region or country don't count, however many there are.
coverage-rule-link = Which figures count
coverage-data-as = The data of this page:
coverage-order = Order of the rows:
coverage-order-name = city name
coverage-order-have = most indicators first
coverage-legend = Shading of the cells, as of { $year }
coverage-caption = Latest year of a city figure for each core indicator (as of { $year })
coverage-scroll-hint = The table scrolls sideways; the city names stay in view. The list below the table says the same for each city.
coverage-col-have = Have
# "8 of 10" in the matrix, after the count.
coverage-have-of = of { $total }
coverage-cities-with-it = Cities with it
coverage-cities-of = { $n } of { $total }
coverage-missing = missing
coverage-cell-evidence = See the figures on the city's page

## How old a figure is (src/coverage/age.rs).
coverage-age-recent = { $years } years old or less
coverage-age-ageing = { $from } to { $to } years old
coverage-age-old = more than { $years } years old
coverage-age-missing = missing: no city figure

## The list of what each city is missing, under the matrix.
coverage-summary-title = What each city has and misses
coverage-summary-colon = {": "}
coverage-summary-count = { $have } of { $total }
coverage-summary-missing = { $count } — missing: { $list }
coverage-summary-complete = { $count } — nothing missing
coverage-list-comma = {", "}

## The ten core indicators (src/coverage/mod.rs): their names, and which figures count, in plain words.
coverage-indicator-population = Population
coverage-indicator-it-workforce = IT workforce
coverage-indicator-it-revenue = IT revenue
coverage-indicator-it-exports = IT exports
coverage-indicator-it-companies = IT companies
coverage-indicator-outsourcing-rank = Outsourcing rank
coverage-indicator-graduates = Graduates
coverage-indicator-gdp = GDP
coverage-indicator-venture-capital = Venture capital
coverage-indicator-startups = Start-ups
coverage-counts-population = How many people live in the city: a cited population figure, or the population on the city's profile with its year.
coverage-counts-it-workforce = How many people work in the city's IT industry or its tech sector, however the source defines it.
coverage-counts-it-revenue = Any IT-industry revenue figure for the city, in any currency.
coverage-counts-it-exports = Any IT-export figure for the city, in any currency.
coverage-counts-it-companies = How many IT or software companies the city has.
coverage-counts-outsourcing-rank = The city's place in the Tholons ranking of outsourcing destinations.
coverage-counts-graduates = How many graduates the city's universities and colleges supply a year.
coverage-counts-gdp = The city's GDP, in any currency.
coverage-counts-venture-capital = Venture capital invested in the city's companies in a year, in any currency.
coverage-counts-startups = How many tech start-ups the city has.

## What counts, as the rule says it.
coverage-rule-title = Which figures count
coverage-rule-intro = The year in a cell is the latest year of any figure that counts; the shading compares it with { $year }.
coverage-exact-title = Exact metrics counted
coverage-exact-star = A name ending in * stands for every metric whose name starts that way.
coverage-exact-scope-before = A figure counts only when its metric's definition has the scope
coverage-exact-scope-middle = and the metric's name does not end in
coverage-exact-scope-after = .
coverage-exact-or = or
coverage-exact-also-population = or the population on the city's profile, with its year
