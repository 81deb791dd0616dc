## The public record of changes to the data (templates/changes.html).
changes-title = Changes to the data
changes-lead = Every change to the figures, newest first: when it was made, why, and which rows it added or changed. The data version on exported comparisons refers to these entries.
changes-none = No change has been recorded.
