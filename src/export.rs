//! Hits to text, JSON, JSON Lines, CSV, TSV and Markdown on one buffered writer.
