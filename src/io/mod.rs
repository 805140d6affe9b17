//! Import and export: CSV files (English or Japanese headers, UTF-8 or Shift_JIS) and the JSON document.
