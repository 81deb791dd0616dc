## Search (templates/search.html, src/web/search.rs).
search-title = Search
search-title-query = Search: { $q }
search-form-label = Search this page
search-field-label = Cities, parks and companies with a word in their name that starts with
search-submit = Search
search-help = Matches the start of any word of a name: “dal” finds Dalian and “soft” Dalian Software Park, but “lian” finds nothing. Chinese names match on any part: “软件园” finds Dalian Software Park (大连软件园), “中国” the cities in China.
search-type-letters = Type letters or digits to search for.
search-many = many; the best of the first matches
search-group-cities = Cities
search-group-parks = Parks
search-group-companies = Companies
search-no-cities = No cities match.
search-no-parks = No parks match.
search-no-companies = No companies match.
search-more = More names match than are ranked here: add a word to narrow the search.
search-error-too-long = is longer than { $max } characters
