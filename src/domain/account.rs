//! Accounts: the customers every escalation, feedback item and onboarding project links to.
//! Owns the account record, its form, the name-uniqueness rule and ARR totals kept per
//! currency (amounts in different currencies are never added or compared).

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::form::{
    date_value, values, Coded, FieldError, FieldKind, FieldSpec, FormReader, FormRecord, FormValues,
};
use crate::domain::listing::format_money;
use crate::domain::parse::{is_email, name_key};
use crate::i18n::{Lang, Msg};

coded_enum!(
    /// Commercial tier of an account.
    Tier, TIER_CHOICES {
        Strategic => "strategic", TierStrategic;
        Enterprise => "enterprise", TierEnterprise;
        MidMarket => "mid_market", TierMidMarket;
        Smb => "smb", TierSmb;
    }
);

/// A person at the customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
}

/// A customer account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub tier: Tier,
    /// Annual recurring revenue in whole units of `currency`.
    pub arr: u64,
    /// ISO 4217 code.
    pub currency: String,
    #[serde(default)]
    pub renewal_date: Option<NaiveDate>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const DEFAULT_CURRENCY: &str = "USD";

/// ARR summed per currency (upper-case codes, alphabetical): amounts in different currencies
/// are never added together. Sums are checked: a total too large for u64 is `None`, shown
/// as too large, never wrapped or capped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArrTotals(Vec<(String, Option<u64>)>);

impl ArrTotals {
    /// The ARR of these accounts, per currency; accounts without ARR add nothing.
    pub fn of<'a>(accounts: impl IntoIterator<Item = &'a Account>) -> Self {
        let mut totals = Self::default();
        for a in accounts {
            totals.add(&a.currency, a.arr);
        }
        totals
    }

    /// Adds `amount` in `currency` (case-insensitive).
    pub fn add(&mut self, currency: &str, amount: u64) {
        if amount == 0 {
            return;
        }
        let code = currency.trim().to_ascii_uppercase();
        match self.0.binary_search_by(|(c, _)| c.cmp(&code)) {
            Ok(i) => self.0[i].1 = self.0[i].1.and_then(|total| total.checked_add(amount)),
            Err(i) => self.0.insert(i, (code, Some(amount))),
        }
    }

    /// The totals, one per currency, alphabetical; `None` for a total too large to add up.
    pub fn per_currency(&self) -> &[(String, Option<u64>)] {
        &self.0
    }

    /// No ARR in any currency.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// "Most ARR first" without comparing currencies: by currency (alphabetical), then the
    /// larger amount first (a total too large to add up is the largest), currency by
    /// currency; no ARR last.
    pub fn most_first(&self, other: &Self) -> Ordering {
        let rank = |total: &Option<u64>| (total.is_none(), total.unwrap_or(0));
        for ((c, a), (d, b)) in self.0.iter().zip(&other.0) {
            let ordering = c.cmp(d).then(rank(b).cmp(&rank(a)));
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        match (self.is_empty(), other.is_empty()) {
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => other.0.len().cmp(&self.0.len()),
        }
    }

    /// "EUR 300,000 · USD 1,200,000" (alphabetical by currency); "0" when there is none.
    pub fn text(&self, lang: Lang) -> String {
        if self.0.is_empty() {
            return "0".to_string();
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(currency, total)| match total {
                Some(amount) => format_money(*amount, currency),
                None => format!("{currency} {}", Msg::AmountTooLargeToTotal.text(lang)),
            })
            .collect();
        parts.join(" · ")
    }
}

impl Account {
    pub fn new(id: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            name: String::new(),
            tier: Tier::Enterprise,
            arr: 0,
            currency: DEFAULT_CURRENCY.to_string(),
            renewal_date: None,
            contacts: Vec::new(),
            notes: String::new(),
            created_at: now,
            updated_at: now,
        }
    }
}

/// Parses contact lines of the form `name, role, email` (role and e-mail optional).
pub fn parse_contacts(text: &str) -> Result<Vec<Contact>, Msg> {
    let mut contacts = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split([',', '，']).map(str::trim).collect();
        let contact = match parts.as_slice() {
            [name] => Contact {
                name: name.to_string(),
                ..Contact::default()
            },
            [name, role] if is_email(role) => Contact {
                name: name.to_string(),
                email: role.to_string(),
                ..Contact::default()
            },
            [name, role] => Contact {
                name: name.to_string(),
                role: role.to_string(),
                ..Contact::default()
            },
            [name, role, email] => Contact {
                name: name.to_string(),
                role: role.to_string(),
                email: email.to_string(),
            },
            _ => return Err(Msg::ErrContactLine),
        };
        if contact.name.is_empty() || (!contact.email.is_empty() && !is_email(&contact.email)) {
            return Err(Msg::ErrContactLine);
        }
        contacts.push(contact);
    }
    Ok(contacts)
}

/// Writes contacts back as lines that `parse_contacts` reads.
pub fn format_contacts(contacts: &[Contact]) -> String {
    contacts
        .iter()
        .map(|c| {
            [c.name.as_str(), c.role.as_str(), c.email.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// True when another account (not `except_id`) already has this name after trimming and
/// case-folding.
pub fn name_taken<'a>(
    accounts: impl IntoIterator<Item = &'a Account>,
    name: &str,
    except_id: &str,
) -> bool {
    let key = name_key(name);
    accounts
        .into_iter()
        .any(|a| a.id != except_id && name_key(&a.name) == key)
}

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", Msg::FieldAccountName, FieldKind::Text).required(),
    FieldSpec::new("tier", Msg::FieldTier, FieldKind::Choice(TIER_CHOICES)).required(),
    FieldSpec::new("arr", Msg::FieldArr, FieldKind::Money).help(Msg::HelpArr),
    FieldSpec::new("currency", Msg::FieldCurrency, FieldKind::Text).help(Msg::HelpCurrency),
    FieldSpec::new("renewal_date", Msg::FieldRenewalDate, FieldKind::Date),
    FieldSpec::new("contacts", Msg::FieldContacts, FieldKind::LongText).help(Msg::HelpContacts),
    FieldSpec::new("notes", Msg::FieldNotes, FieldKind::LongText),
];

impl FormRecord for Account {
    const FIELDS: &'static [FieldSpec] = FIELDS;

    fn to_form(&self) -> FormValues {
        values([
            ("name", self.name.clone()),
            ("tier", self.tier.code().to_string()),
            ("arr", self.arr.to_string()),
            ("currency", self.currency.clone()),
            ("renewal_date", date_value(self.renewal_date)),
            ("contacts", format_contacts(&self.contacts)),
            ("notes", self.notes.clone()),
        ])
    }

    fn apply_form(&mut self, form: &FormValues, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        let mut r = FormReader::new(form);
        let name = r.text("name", true);
        let tier = r.choice("tier", Tier::from_code);
        let arr = r.money("arr");
        let mut currency = r.text("currency", false).to_ascii_uppercase();
        if currency.is_empty() {
            currency = DEFAULT_CURRENCY.to_string();
        } else if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
            r.reject("currency", Msg::ErrCurrency);
        }
        let renewal_date = r.date("renewal_date", false);
        let contacts = match parse_contacts(form.get("contacts").map(String::as_str).unwrap_or(""))
        {
            Ok(c) => c,
            Err(e) => {
                r.reject("contacts", e);
                Vec::new()
            }
        };
        let notes = r.text("notes", false);
        r.finish()?;
        self.name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(tier) = tier {
            self.tier = tier;
        }
        self.arr = arr;
        self.currency = currency;
        self.renewal_date = renewal_date;
        self.contacts = contacts;
        self.notes = notes;
        self.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn arr_totals_are_kept_per_currency_never_summed_across() {
        let make = |arr, currency: &str| {
            let mut a = Account::new(
                "a".into(),
                Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            );
            a.arr = arr;
            a.currency = currency.into();
            a
        };
        let accounts = [
            make(1_000_000, "USD"),
            make(300_000, "EUR"),
            make(200_000, " usd "),
            make(0, "JPY"),
        ];
        let totals = ArrTotals::of(&accounts);
        assert_eq!(
            totals.per_currency(),
            [
                ("EUR".to_string(), Some(300_000)),
                ("USD".to_string(), Some(1_200_000))
            ]
        );
        assert_eq!(totals.text(Lang::En), "EUR 300,000 · USD 1,200,000");
        assert_eq!(ArrTotals::default().text(Lang::En), "0");
    }

    #[test]
    fn an_arr_total_too_large_for_u64_is_reported_never_wrapped() {
        let mut big = ArrTotals::default();
        big.add("USD", u64::MAX);
        big.add("EUR", 5);
        assert_eq!(
            big.per_currency()[1].1,
            Some(u64::MAX),
            "the largest amount is exact"
        );
        big.add("USD", 1);
        big.add("USD", 1);
        assert_eq!(
            big.per_currency()[1].1,
            None,
            "too large: neither wrapped nor capped"
        );
        assert_eq!(big.text(Lang::En), "EUR 5 · USD too large to add up");
        let mut max = ArrTotals::default();
        max.add("USD", u64::MAX);
        assert_eq!(
            big.most_first(&max),
            Ordering::Less,
            "a total too large to add up ranks above the largest exact total"
        );
    }

    #[test]
    fn most_arr_first_compares_only_within_a_currency() {
        let totals = |parts: &[(&str, u64)]| {
            let mut t = ArrTotals::default();
            for (c, a) in parts {
                t.add(c, *a);
            }
            t
        };
        let eur = totals(&[("EUR", 300_000)]);
        let usd_big = totals(&[("USD", 1_200_000)]);
        let usd_small = totals(&[("USD", 200_000)]);
        let none = ArrTotals::default();
        let mut list = [&none, &usd_small, &usd_big, &eur];
        list.sort_by(|a, b| a.most_first(b));
        assert_eq!(list, [&eur, &usd_big, &usd_small, &none]);
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn form(pairs: &[(&'static str, &str)]) -> FormValues {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn a_complete_form_fills_the_account() {
        let mut a = Account::new("a1".into(), now());
        a.apply_form(
            &form(&[
                ("name", "  Acme   Corp "),
                ("tier", "strategic"),
                ("arr", "$1,200,000"),
                ("currency", "eur"),
                ("renewal_date", "2027/01/15"),
                ("contacts", "Li Wei, CIO, li.wei@acme.cn\nSam"),
            ]),
            now(),
        )
        .unwrap();
        assert_eq!(a.name, "Acme Corp");
        assert_eq!(a.tier, Tier::Strategic);
        assert_eq!(a.arr, 1_200_000);
        assert_eq!(a.currency, "EUR");
        assert_eq!(a.renewal_date, NaiveDate::from_ymd_opt(2027, 1, 15));
        assert_eq!(a.contacts.len(), 2);
        assert_eq!(a.contacts[0].email, "li.wei@acme.cn");
        assert_eq!(a.contacts[1].name, "Sam");
    }

    #[test]
    fn currency_defaults_to_usd() {
        let mut a = Account::new("a1".into(), now());
        a.apply_form(&form(&[("name", "Acme"), ("tier", "smb")]), now())
            .unwrap();
        assert_eq!(a.currency, "USD");
        assert_eq!(a.arr, 0);
    }

    #[test]
    fn bad_fields_are_all_reported_and_nothing_changes() {
        let mut a = Account::new("a1".into(), now());
        let before = a.clone();
        let errors = a
            .apply_form(
                &form(&[
                    ("name", ""),
                    ("tier", "platinum"),
                    ("arr", "-3"),
                    ("currency", "dollars"),
                    ("renewal_date", "next year"),
                    ("contacts", "Li, CIO, not-an-email"),
                ]),
                now(),
            )
            .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "tier",
                "arr",
                "currency",
                "renewal_date",
                "contacts"
            ]
        );
        assert_eq!(a, before);
    }

    #[test]
    fn form_round_trip() {
        let mut a = Account::new("a1".into(), now());
        a.apply_form(
            &form(&[
                ("name", "Acme"),
                ("tier", "mid_market"),
                ("arr", "30000"),
                ("renewal_date", "2027-03-01"),
                ("contacts", "Ann, VP Ops\nBo, bo@x.io"),
            ]),
            now(),
        )
        .unwrap();
        let mut b = Account::new("a1".into(), now());
        b.apply_form(&a.to_form(), now()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn names_are_unique_after_trim_and_case_fold() {
        let mut a = Account::new("a1".into(), now());
        a.name = "Acme Corp".into();
        let accounts = vec![a];
        assert!(name_taken(&accounts, "  acme   CORP ", "other"));
        assert!(!name_taken(&accounts, "Acme Corp", "a1"));
        assert!(!name_taken(&accounts, "Acme Group", "other"));
    }

    #[test]
    fn names_differing_only_in_accented_capitals_are_taken() {
        let accounts: Vec<Account> = ["École Polytechnique", "Müller GmbH"]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut a = Account::new(format!("a{i}"), now());
                a.name = name.to_string();
                a
            })
            .collect();
        assert!(name_taken(&accounts, "école polytechnique", "other"));
        assert!(name_taken(&accounts, "ÉCOLE POLYTECHNIQUE", "other"));
        assert!(name_taken(&accounts, "MÜLLER GMBH", "other"));
        assert!(!name_taken(&accounts, "Muller GmbH", "other"));
    }
}
