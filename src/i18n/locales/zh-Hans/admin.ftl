## 管理员的数据更新（templates/admin/*.html，src/web/admin）。
admin-title = 更新数据
admin-signed-in-as = 已登录：{ $actor }。
admin-audit-log = 审计日志
admin-public-changes = 公开的变更记录
admin-sign-out = 退出登录
admin-upload-title = 上传数据集
admin-upload-help = 数据集格式的 CSV 文件（任意几个；见 data/README.md）或其 .zip 压缩包，最大 { $mb } MB。系统会先显示上传将带来的变更，以及每个问题所在的文件、行和列；在您确认应用之前不会写入任何内容。
admin-files = 文件
admin-reason = 数据变更的原因（向读者显示）
admin-preview = 预览变更
admin-recent = 最近的变更
admin-none-yet = 尚无变更。
admin-breadcrumb = 导航路径

## 审计日志（templates/admin/log.html）。
admin-log-title = 审计日志 · 更新数据
admin-log-help = 每一次已应用的变更：时间、操作者（会话或令牌）、原因，以及新增或修改的行数和键。
admin-log-empty = 尚未应用任何变更。

## 上传将带来或已带来的变更（templates/admin/report.html）。
admin-applied = 已应用
admin-preview-short = 预览
admin-preview-heading = 预览：尚未写入任何内容
admin-cannot-apply = 此次上传无法应用
admin-title-suffix = { $page } · 更新数据
admin-data-version = 数据版本 { $version }
admin-problems = { $shown } 个问题
admin-col-file = 文件
admin-col-line = 行
admin-col-column = 列
admin-col-problem = 问题
admin-col-times = 次数
admin-more-problems = 以上列出前 { $listed } 个；另有以下几类问题共 { $more } 个：
admin-rows-per-file = 各文件的行数
admin-col-rows = 行数
admin-col-new = 新增
admin-col-changed = 修改
admin-col-unchanged = 未变
admin-col-keys = 新增和修改的键
admin-more-keys = 另有 { $n } 个
admin-apply = 应用这些变更
admin-cancel = 取消
admin-back = 返回上传页面

## 登录（templates/admin/sign_in.html，src/web/admin）。
admin-sign-in-title = 登录以更新数据
admin-sign-in-help-before = 更新数据需要本服务器启动时设定的管理员令牌。API 客户端也可以改为发送
admin-sign-in-help-after = 。
admin-token = 管理员令牌
admin-sign-in = 登录
admin-wrong-bearer = Bearer 令牌不是管理员令牌。
admin-sign-in-first = 请先登录。
admin-wrong-token = 这不是管理员令牌。
admin-too-soon = 您的地址刚才发送了错误的令牌：请在 { $shown } 秒后重试。

## 无法使用的上传（src/web/admin）。
admin-error-multipart = 请以 multipart/form-data 发送数据集：{ $detail }
admin-error-expired = 此预览已过期或不属于您；请重新上传文件
admin-error-no-files = 请至少选择一个 CSV 文件或其 .zip 压缩包
admin-error-no-reason = 请说明数据变更的原因：读者会在 /changes 页面看到
admin-error-unpacks-to = 上传内容解压后超过 { $mb } MB（其文件与压缩包内的文件合计）
admin-error-not-a-field = { $field } 不是上传表单的字段
admin-error-twice = { $file } 在上传中出现了两次
admin-error-unreadable = 无法读取上传内容：{ $detail }
admin-error-not-utf8 = 有一个表单字段不是 UTF-8 文本
admin-error-not-a-zip = 不是可读取的 zip 文件：{ $detail }
admin-error-zip-entries = 此 zip 含有 { $n } 个条目；最多读取 { $max } 个
admin-error-zip-entry = 无法读取第 { $n } 个 zip 条目：{ $detail }
admin-error-cannot-unpack = 无法解压 { $file }：{ $detail }
