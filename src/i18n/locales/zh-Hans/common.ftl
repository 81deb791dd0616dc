## 各页面共用的词：数字的范围，带范围的指标名称。
scope-city = 城市
scope-district = 区
scope-park = 单个园区
scope-state = 全州（邦）
scope-national = 全国
metric-with-scope = { $metric }（{ $scope }）
