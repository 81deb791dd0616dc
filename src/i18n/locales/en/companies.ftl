## The list of companies and one company (templates/companies/*.html, src/web/companies).
companies-title = Companies
companies-title-error = Error: Companies
companies-title-page = Companies, page { $page } of { $pages }
companies-title-error-page = Error: Companies, page { $page } of { $pages }
companies-nothing-shown = Nothing is shown:
companies-past-the-end = page { $page } is past the last page of this list
companies-go-to-last = Go to the last page ({ $pages })
companies-all-cities = All cities
companies-all-sectors = All sectors
companies-any-park = Any park or none
companies-submit = Show companies
companies-clear = Clear filters
companies-no-match = No company matches.
companies-count = { $n ->
    [one] company
   *[other] companies
}
companies-showing = {", "}showing { $first } to { $last }
companies-end = .
companies-empty-title = No company matches these filters
companies-empty-before = The data lists major companies only. Try another sector or park, or
companies-empty-link = all companies
companies-help = Sectors of companies are the analyst's classification; revenues are group-wide, as of the year shown.
companies-help-parks = Choose a city to filter by its parks.
companies-twins-before = Also as
companies-twins-and = and
companies-twins-after = .
companies-pages = Pages
companies-previous = ← Previous
companies-next = Next →
companies-page-of = Page { $page } of { $pages }
companies-error-past-the-end = page { $page } is past the last page of this list ({ $pages })
companies-error-per-page = { $value } is not allowed: use a whole number from 1 to { $max }
companies-error-unknown-park = { $park } is not a known park; the parks are listed on each city's page
companies-error-cursor = { $value } is not a position in the list: follow the page links
companies-error-after-and-before = give after or before, not both
companies-error-stale-cursor = this position is not in the list any more: start from the first page

## One company (templates/companies/profile.html).
company-breadcrumb = Breadcrumb
company-in = In
company-classification = (the analyst's classification)
company-headquarters = Headquarters
company-founded = Founded or arrived
company-employees = Employees in the city
company-revenue = Revenue (group)
company-sources = Sources
company-sources-help = The figures above carry no year of their own unless shown; the sources' publication years and the quotes date them.
