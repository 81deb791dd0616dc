## Data updates for the admin (templates/admin/*.html, src/web/admin).
admin-title = Update data
admin-signed-in-as = Signed in as { $actor }.
admin-audit-log = Audit log
admin-public-changes = Public list of changes
admin-sign-out = Sign out
admin-upload-title = Upload a dataset
admin-upload-help = The CSV files of the dataset format (any of them; see data/README.md) or a .zip of them, up to { $mb } MB. First you see what the upload would change, and every problem with its file, line and column; nothing is written until you apply it.
admin-files = Files
admin-reason = Why the data changes (shown to readers)
admin-preview = Preview the changes
admin-recent = Recent changes
admin-none-yet = None yet.
admin-breadcrumb = Breadcrumb

## The audit log (templates/admin/log.html).
admin-log-title = Audit log · Update data
admin-log-help = Every applied change: when, who (the session or the token), why, and the counts and keys of the rows it added or changed.
admin-log-empty = Nothing has been applied.

## What an upload would change, or did (templates/admin/report.html).
admin-applied = Applied
admin-preview-short = Preview
admin-preview-heading = Preview: nothing written yet
admin-cannot-apply = This upload cannot be applied
admin-title-suffix = { $page } · Update data
admin-data-version = data version { $version }
admin-problems = { $n ->
    [one] { $shown } problem
   *[other] { $shown } problems
}
admin-col-file = File
admin-col-line = Line
admin-col-column = Column
admin-col-problem = Problem
admin-col-times = Times
admin-more-problems = The first { $listed } are listed; and { $more } more problems of these kinds:
admin-rows-per-file = Rows per file
admin-col-rows = Rows
admin-col-new = New
admin-col-changed = Changed
admin-col-unchanged = Unchanged
admin-col-keys = New and changed keys
admin-more-keys = and { $n } more
admin-apply = Apply these changes
admin-cancel = Cancel
admin-back = Back to uploads

## Signing in (templates/admin/sign_in.html, src/web/admin).
admin-sign-in-title = Sign in to update data
admin-sign-in-help-before = Data updates need the admin token this server was started with. API clients may send it as
admin-sign-in-help-after = instead.
admin-token = Admin token
admin-sign-in = Sign in
admin-wrong-bearer = The bearer token is not the admin token.
admin-sign-in-first = Sign in first.
admin-wrong-token = That is not the admin token.
admin-too-soon = { $n ->
    [one] A wrong token was sent from your address a moment ago: try again in { $shown } second.
   *[other] A wrong token was sent from your address a moment ago: try again in { $shown } seconds.
}

## An upload that cannot be used (src/web/admin).
admin-error-multipart = send the dataset as multipart/form-data: { $detail }
admin-error-expired = this preview has expired or is not yours; upload the files again
admin-error-no-files = choose at least one CSV file or a .zip of them
admin-error-no-reason = say why the data changes: readers see it on /changes
admin-error-unpacks-to = the upload unpacks to more than { $mb } MB (its files and the files in its zips together)
admin-error-not-a-field = { $field } is not a field of the upload form
admin-error-twice = { $file } is in the upload twice
admin-error-unreadable = the upload could not be read: { $detail }
admin-error-not-utf8 = a form field is not UTF-8 text
admin-error-not-a-zip = not a readable zip: { $detail }
admin-error-zip-entries = the zip holds { $n } entries; at most { $max } are read
admin-error-zip-entry = zip entry { $n } cannot be read: { $detail }
admin-error-cannot-unpack = { $file } cannot be unpacked: { $detail }
