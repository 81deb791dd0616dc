## Words shared by every page: scopes of figures, metric labels with their scope.
scope-city = city
scope-district = district
scope-park = one park
scope-state = whole state
scope-national = whole country
# "Tech workforce (whole state)"
metric-with-scope = { $metric } ({ $scope })
