//! A field-by-field comparison of two versions of a record, as JSON, for the Conflicts
//! view, and building the version the user merges by taking chosen fields from another.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// One top-level field whose value differs; `None` where a version lacks the field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    pub field: String,
    pub left: Option<Value>,
    pub right: Option<Value>,
}

/// The fields whose values differ between two versions, by field name. Values that are not
/// objects compare as a whole under the field name `""`.
pub fn field_diff(left: &Value, right: &Value) -> Vec<FieldDiff> {
    let (Some(l), Some(r)) = (left.as_object(), right.as_object()) else {
        return (left != right)
            .then(|| FieldDiff {
                field: String::new(),
                left: Some(left.clone()),
                right: Some(right.clone()),
            })
            .into_iter()
            .collect();
    };
    let fields: BTreeSet<&String> = l.keys().chain(r.keys()).collect();
    fields
        .into_iter()
        .filter(|f| l.get(*f) != r.get(*f))
        .map(|f| FieldDiff {
            field: f.clone(),
            left: l.get(f).cloned(),
            right: r.get(f).cloned(),
        })
        .collect()
}

/// `base` with each of `fields` taken from `other` (removed where `other` lacks it).
pub fn take_fields(base: &Value, other: &Value, fields: &[&str]) -> Value {
    let mut merged: Map<String, Value> = base.as_object().cloned().unwrap_or_default();
    for field in fields {
        match other.get(*field) {
            Some(value) => {
                merged.insert((*field).to_string(), value.clone());
            }
            None => {
                merged.remove(*field);
            }
        }
    }
    Value::Object(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_only_the_fields_that_differ_in_name_order() {
        // The business-card example of CouchDB's "Replication and conflict model": one
        // replica changed the e-mail, the other the mobile number.
        let desktop =
            json!({"name": "Bob", "email": "bob@new.example", "mobile": "111", "tags": ["a"]});
        let laptop =
            json!({"name": "Bob", "email": "bob@old.example", "mobile": "222", "tags": ["a"]});
        let diff = field_diff(&desktop, &laptop);
        let fields: Vec<&str> = diff.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["email", "mobile"]);
        assert_eq!(diff[0].left, Some(json!("bob@new.example")));
        assert_eq!(diff[0].right, Some(json!("bob@old.example")));
    }

    #[test]
    fn a_field_one_version_lacks_shows_as_absent() {
        let diff = field_diff(&json!({"a": 1}), &json!({"a": 1, "b": null}));
        assert_eq!(
            diff,
            [FieldDiff {
                field: "b".into(),
                left: None,
                right: Some(Value::Null)
            }]
        );
    }

    #[test]
    fn nested_values_compare_as_a_whole() {
        let diff = field_diff(
            &json!({"events": [{"at": "9"}], "o": {"x": 1}}),
            &json!({"events": [{"at": "9"}, {"at": "10"}], "o": {"x": 1}}),
        );
        assert_eq!(diff.len(), 1);
        assert_eq!(diff[0].field, "events");
    }

    #[test]
    fn equal_versions_have_no_diff_and_non_objects_compare_whole() {
        let v = json!({"a": [1, 2]});
        assert!(field_diff(&v, &v).is_empty());
        assert!(field_diff(&json!(3), &json!(3)).is_empty());
        assert_eq!(
            field_diff(&json!(3), &json!("3")),
            [FieldDiff {
                field: String::new(),
                left: Some(json!(3)),
                right: Some(json!("3"))
            }]
        );
    }

    #[test]
    fn the_user_merges_by_taking_fields_from_the_other_version() {
        let desktop = json!({"name": "Bob", "email": "new", "mobile": "111", "fax": "9"});
        let laptop = json!({"name": "Bob", "email": "old", "mobile": "222"});
        let merged = take_fields(&desktop, &laptop, &["mobile", "fax"]);
        assert_eq!(
            merged,
            json!({"name": "Bob", "email": "new", "mobile": "222"})
        );
        assert!(field_diff(&merged, &laptop)
            .iter()
            .all(|d| d.field == "email"));
    }
}
