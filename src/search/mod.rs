//! Staff search: the index, the matcher and the filter-query parser.
