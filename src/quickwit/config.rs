//! The Quickwit index config whose doc mapping matches newsdex's schema (`index::schema`): the
//! same searchable fields, the same analysis (newsdex's `news` analyzer rebuilt from Quickwit's
//! tokenizer parts), name keys as raw fields, `date` as the timestamp field.
//!
//! One function builds the config as JSON (what the REST API takes); [`to_yaml`] prints it for
//! `quickwit index create --index-config`.

use serde_json::{Value, json};

use crate::index::schema::NEWS_TOKENIZER;

/// Options of the generated config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigOptions {
    pub index_id: String,
    /// Make `date` the timestamp field (time-pruned splits). Quickwit then rejects documents
    /// without a date, so an archive with undated articles needs this off.
    pub timestamp_field: bool,
    /// Seconds before Quickwit commits what it ingested (it becomes searchable then).
    pub commit_timeout_secs: u64,
}

impl ConfigOptions {
    pub fn new(index_id: &str) -> ConfigOptions {
        ConfigOptions {
            index_id: index_id.to_string(),
            timestamp_field: true,
            commit_timeout_secs: 60,
        }
    }
}

/// Checks an index id the way Quickwit does (letters, digits, `-`, `_`; starts with a letter;
/// 3 to 255 characters), so a bad id is refused before anything is sent.
pub fn check_index_id(id: &str) -> Result<(), String> {
    let ok_len = (3..=255).contains(&id.len());
    let starts = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let chars = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok_len && starts && chars {
        Ok(())
    } else {
        Err(format!(
            "{id:?} is not a Quickwit index id: use 3 to 255 letters, digits, `-` or `_`, starting with a letter"
        ))
    }
}

/// Text searched by words and phrases: positions for phrases, the news analyzer. Only the fields
/// newsdex ranks by BM25 keep field norms, as in the local schema.
fn text(name: &str, array: bool, scored: bool) -> Value {
    json!({
        "name": name,
        "type": if array { "array<text>" } else { "text" },
        "tokenizer": NEWS_TOKENIZER,
        "record": "position",
        "fieldnorms": scored,
        "stored": true,
    })
}

/// An exact key (ids, paths, name keys): one untokenised term.
fn key(name: &str, array: bool, stored: bool) -> Value {
    json!({
        "name": name,
        "type": if array { "array<text>" } else { "text" },
        "tokenizer": "raw",
        "record": "basic",
        "stored": stored,
    })
}

/// Shown with hits, never searched.
fn shown(name: &str, kind: &str) -> Value {
    json!({ "name": name, "type": kind, "indexed": false, "stored": true })
}

/// The field mappings, one per field of an enriched document (`quickwit::docs`).
fn field_mappings() -> Vec<Value> {
    vec![
        key("id", false, true),
        key("path", false, true),
        text("headline", false, true),
        text("body", false, true),
        shown("dateline", "text"),
        text("place", false, false),
        key("place_key", true, false),
        json!({
            "name": "date",
            "type": "datetime",
            "input_formats": ["rfc3339"],
            "output_format": "rfc3339",
            "fast": true,
            "fast_precision": "seconds",
            "stored": true,
        }),
        text("people", true, false),
        key("person_key", true, false),
        key("people_codes", true, true),
        text("speakers", true, false),
        key("speaker_key", true, false),
        shown("quotes", "array<json>"),
        shown("url", "text"),
        shown("author", "text"),
    ]
}

/// newsdex's analyzer (`schema::news_analyzer`): split on non-alphanumerics, drop very long
/// tokens, lower-case, fold accents; no stemming.
fn tokenizers() -> Value {
    json!([{
        "name": NEWS_TOKENIZER,
        "type": "simple",
        "filters": ["remove_long", "lower_caser", "ascii_folding"],
    }])
}

/// The whole index config, as JSON.
pub fn index_config(o: &ConfigOptions) -> Value {
    let mut doc_mapping = json!({
        "mode": "lenient",
        "field_mappings": field_mappings(),
        "tokenizers": tokenizers(),
        "store_source": false,
    });
    if o.timestamp_field {
        doc_mapping["timestamp_field"] = json!("date");
    }
    json!({
        "version": "0.9",
        "index_id": o.index_id,
        "doc_mapping": doc_mapping,
        "search_settings": { "default_search_fields": ["headline", "body"] },
        "indexing_settings": { "commit_timeout_secs": o.commit_timeout_secs },
    })
}

/// JSON as block YAML. Strings are written as JSON strings (valid YAML), so nothing needs
/// YAML-specific quoting rules.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    yaml_block(v, 0, &mut out);
    out
}

fn yaml_block(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) => {
            // `name` first, so each field mapping reads from its name.
            let named = map.get_key_value("name").into_iter();
            for (k, val) in named.chain(map.iter().filter(|(k, _)| *k != "name")) {
                out.push_str(&format!("{pad}{k}:"));
                yaml_after_key(val, indent, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        // The first key goes on the dash's line, the others align under it.
                        let mut inner = String::new();
                        yaml_block(item, indent + 2, &mut inner);
                        out.push(' ');
                        out.push_str(inner.trim_start());
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&scalar(item));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn yaml_after_key(val: &Value, indent: usize, out: &mut String) {
    match val {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            yaml_block(val, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() && a.iter().any(|x| x.is_object()) => {
            out.push('\n');
            yaml_block(val, indent + 2, out);
        }
        _ => {
            out.push(' ');
            out.push_str(&scalar(val));
            out.push('\n');
        }
    }
}

/// A scalar or a flow sequence of scalars, in JSON spelling (a subset of YAML).
fn scalar(v: &Value) -> String {
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;

    fn mapping(config: &Value, name: &str) -> Value {
        config["doc_mapping"]["field_mappings"]
            .as_array()
            .and_then(|fields| fields.iter().find(|f| f["name"] == name))
            .cloned()
            .unwrap_or(Value::Null)
    }

    #[test]
    fn every_searchable_field_uses_the_news_analyzer_with_positions() {
        let c = index_config(&ConfigOptions::new("news"));
        for name in ["headline", "body", "place", "people", "speakers"] {
            let m = mapping(&c, name);
            assert_eq!(m["tokenizer"], "news", "{name}");
            assert_eq!(m["record"], "position", "{name}");
        }
        // The query language's field names are all mapped (quote: is local-only, see search).
        for name in schema::QUERY_FIELDS.iter().filter(|n| **n != "quote") {
            assert!(!mapping(&c, name).is_null(), "{name} is not mapped");
        }
        assert_eq!(mapping(&c, "headline")["fieldnorms"], true);
        assert_eq!(mapping(&c, "people")["fieldnorms"], false);
    }

    #[test]
    fn name_keys_are_raw_and_date_is_the_timestamp() {
        let c = index_config(&ConfigOptions::new("news"));
        for name in ["id", "path", "person_key", "speaker_key", "place_key"] {
            assert_eq!(mapping(&c, name)["tokenizer"], "raw", "{name}");
        }
        assert_eq!(mapping(&c, "person_key")["type"], "array<text>");
        assert_eq!(mapping(&c, "date")["type"], "datetime");
        assert_eq!(mapping(&c, "date")["fast"], true);
        assert_eq!(c["doc_mapping"]["timestamp_field"], "date");
        let undated = index_config(&ConfigOptions {
            timestamp_field: false,
            ..ConfigOptions::new("news")
        });
        assert!(undated["doc_mapping"].get("timestamp_field").is_none());
    }

    #[test]
    fn the_analyzer_is_newsdex_s() {
        let c = index_config(&ConfigOptions::new("news"));
        let t = &c["doc_mapping"]["tokenizers"][0];
        assert_eq!(t["name"], schema::NEWS_TOKENIZER);
        assert_eq!(t["type"], "simple");
        assert_eq!(
            t["filters"],
            json!(["remove_long", "lower_caser", "ascii_folding"])
        );
    }

    #[test]
    fn index_ids() {
        assert!(check_index_id("reuters").is_ok());
        assert!(check_index_id("news_2025-a").is_ok());
        for bad in ["ab", "1news", "news/x", "news x", ""] {
            assert!(check_index_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn yaml_output() {
        let v = json!({
            "version": "0.9",
            "doc_mapping": {
                "field_mappings": [{"name": "id", "type": "text"}, {"name": "body"}],
                "list": ["a", "b"],
                "empty": {},
            },
            "n": 60,
        });
        let y = to_yaml(&v);
        // serde_json orders keys alphabetically; Quickwit does not mind the order.
        let want = "doc_mapping:\n  empty: {}\n  field_mappings:\n    - name: \"id\"\n      type: \"text\"\n    - name: \"body\"\n  list: [\"a\",\"b\"]\nn: 60\nversion: \"0.9\"\n";
        assert_eq!(y, want);
    }
}
