## 数据变更的公开记录（templates/changes.html）。
changes-title = 数据变更记录
changes-lead = 对数字的每一次变更，最新的在前：何时变更、为何变更、新增或修改了哪些行。导出的比较文件上的数据版本即指这些条目。
changes-none = 尚无变更记录。
