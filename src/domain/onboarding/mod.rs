//! Onboarding: enterprise onboarding projects (customer profile, systems to connect, dates,
//! contacts, scope) and the reusable, versioned playbooks they are created from, each version
//! with the customisations adopted from what earlier projects skipped and added.

pub mod plan;
pub mod progress;
pub mod risks;
pub mod rules;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::form::{
    date_value, values, Coded, FieldError, FieldKind, FieldSpec, FormReader, FormRecord, FormValues,
};
use crate::domain::onboarding::plan::{task_title, Phase};
use crate::domain::onboarding::progress::{ProgressEntry, ProgressKind, Retrospective, StepStat};
use crate::domain::parse::name_key;
use crate::domain::sorting;
use crate::i18n::Msg;

coded_enum!(
    /// A customer system the product must connect to.
    System, SYSTEM_CHOICES {
        Sso => "sso", SystemSso;
        Crm => "crm", SystemCrm;
        DataWarehouse => "data_warehouse", SystemDataWarehouse;
        Erp => "erp", SystemErp;
        Hris => "hris", SystemHris;
        Ticketing => "ticketing", SystemTicketing;
    }
);

/// An enterprise onboarding project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnboardingProject {
    pub id: String,
    pub account_id: String,
    pub industry: String,
    pub end_users: Option<u32>,
    #[serde(default)]
    pub systems: Vec<System>,
    /// Systems not in the list above, free text.
    #[serde(default)]
    pub other_systems: String,
    #[serde(default)]
    pub kickoff_date: Option<NaiveDate>,
    pub go_live_target: NaiveDate,
    #[serde(default)]
    pub exec_sponsor: String,
    #[serde(default)]
    pub technical_lead: String,
    #[serde(default)]
    pub customer_pm: String,
    #[serde(default)]
    pub contract_scope: String,
    #[serde(default)]
    pub special_requirements: String,
    #[serde(default)]
    pub playbook_id: Option<String>,
    /// Task progress entries, oldest first.
    #[serde(default)]
    pub progress: Vec<ProgressEntry>,
    /// The post-onboarding retrospective, once held.
    #[serde(default)]
    pub retrospective: Option<Retrospective>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A reusable onboarding playbook for a segment or industry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Playbook {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub segment: String,
    pub version: u32,
    pub created_at: DateTime<Utc>,
    /// Template task keys this version leaves out of every plan.
    #[serde(default)]
    pub skipped_tasks: Vec<String>,
    /// Steps this version adds to every plan.
    #[serde(default)]
    pub added_steps: Vec<AddedStep>,
}

/// A step a playbook version adds to every plan, at the end of its phase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedStep {
    pub name: String,
    pub phase: Phase,
}

impl Playbook {
    /// The next version (`version` + 1, created `now`): this version's customisations plus the
    /// adopted proposals, each with the phase an added step goes into. A skipped template task
    /// is left out; a skipped added step is removed; an added step is appended, or, when it
    /// names a template task, that task is no longer skipped. Changed steps need the author's
    /// own edit and change nothing here.
    pub fn next_version(
        &self,
        id: String,
        now: DateTime<Utc>,
        adopted: &[(StepStat, Phase)],
    ) -> Playbook {
        let mut next = Playbook {
            id,
            version: self.version + 1,
            created_at: now,
            ..self.clone()
        };
        for (stat, phase) in adopted {
            let task = stat.task.trim();
            let template = task_title(task).is_some();
            let key = name_key(task);
            match stat.kind {
                ProgressKind::Skipped if template => {
                    if !next.skipped_tasks.iter().any(|k| k == task) {
                        next.skipped_tasks.push(task.to_string());
                    }
                }
                ProgressKind::Skipped => next.added_steps.retain(|s| name_key(&s.name) != key),
                ProgressKind::Added if template => next.skipped_tasks.retain(|k| k != task),
                ProgressKind::Added => {
                    if !key.is_empty() && !next.added_steps.iter().any(|s| name_key(&s.name) == key)
                    {
                        next.added_steps.push(AddedStep {
                            name: task.to_string(),
                            phase: *phase,
                        });
                    }
                }
                ProgressKind::Done | ProgressKind::Changed => {}
            }
        }
        next
    }
}

impl OnboardingProject {
    pub fn new(id: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            account_id: String::new(),
            industry: String::new(),
            end_users: None,
            systems: Vec::new(),
            other_systems: String::new(),
            kickoff_date: None,
            go_live_target: now.date_naive(),
            exec_sponsor: String::new(),
            technical_lead: String::new(),
            customer_pm: String::new(),
            contract_scope: String::new(),
            special_requirements: String::new(),
            playbook_id: None,
            progress: Vec::new(),
            retrospective: None,
            created_at: now,
            updated_at: now,
        }
    }
}

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("account_id", Msg::FieldCustomer, FieldKind::Account).required(),
    FieldSpec::new("industry", Msg::FieldIndustry, FieldKind::Text)
        .required()
        .help(Msg::HelpIndustry),
    FieldSpec::new("end_users", Msg::FieldEndUsers, FieldKind::Count),
    FieldSpec::new(
        "systems",
        Msg::FieldSystems,
        FieldKind::MultiChoice(SYSTEM_CHOICES),
    ),
    FieldSpec::new("other_systems", Msg::FieldOtherSystems, FieldKind::Text),
    FieldSpec::new("kickoff_date", Msg::FieldKickoffDate, FieldKind::Date),
    FieldSpec::new("go_live_target", Msg::FieldGoLiveTarget, FieldKind::Date).required(),
    FieldSpec::new("exec_sponsor", Msg::FieldExecSponsor, FieldKind::Text),
    FieldSpec::new("technical_lead", Msg::FieldTechnicalLead, FieldKind::Text),
    FieldSpec::new("customer_pm", Msg::FieldCustomerPm, FieldKind::Text),
    FieldSpec::new(
        "contract_scope",
        Msg::FieldContractScope,
        FieldKind::LongText,
    ),
    FieldSpec::new(
        "special_requirements",
        Msg::FieldSpecialRequirements,
        FieldKind::LongText,
    )
    .help(Msg::HelpSpecialRequirements),
];

impl FormRecord for OnboardingProject {
    const FIELDS: &'static [FieldSpec] = FIELDS;

    fn to_form(&self) -> FormValues {
        values([
            ("account_id", self.account_id.clone()),
            ("industry", self.industry.clone()),
            (
                "end_users",
                self.end_users.map(|n| n.to_string()).unwrap_or_default(),
            ),
            (
                "systems",
                self.systems
                    .iter()
                    .map(|s| s.code())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            ("other_systems", self.other_systems.clone()),
            ("kickoff_date", date_value(self.kickoff_date)),
            ("go_live_target", date_value(Some(self.go_live_target))),
            ("exec_sponsor", self.exec_sponsor.clone()),
            ("technical_lead", self.technical_lead.clone()),
            ("customer_pm", self.customer_pm.clone()),
            ("contract_scope", self.contract_scope.clone()),
            ("special_requirements", self.special_requirements.clone()),
        ])
    }

    fn apply_form(&mut self, form: &FormValues, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        let mut r = FormReader::new(form);
        let account_id = r.text("account_id", true);
        let industry = r.text("industry", true);
        let end_users = r.count("end_users");
        let mut systems = r.choices("systems", System::from_code);
        sorting::sort(&mut systems);
        systems.dedup();
        let other_systems = r.text("other_systems", false);
        let kickoff_date = r.date("kickoff_date", false);
        let go_live_target = r.date("go_live_target", true);
        if let (Some(k), Some(g)) = (kickoff_date, go_live_target) {
            if g <= k {
                r.reject("go_live_target", Msg::ErrGoLiveBeforeKickoff);
            }
        }
        let exec_sponsor = r.text("exec_sponsor", false);
        let technical_lead = r.text("technical_lead", false);
        let customer_pm = r.text("customer_pm", false);
        let contract_scope = r.text("contract_scope", false);
        let special_requirements = r.text("special_requirements", false);
        r.finish()?;

        self.account_id = account_id;
        self.industry = industry;
        self.end_users = end_users;
        self.systems = systems;
        self.other_systems = other_systems;
        self.kickoff_date = kickoff_date;
        if let Some(g) = go_live_target {
            self.go_live_target = g;
        }
        self.exec_sponsor = exec_sponsor;
        self.technical_lead = technical_lead;
        self.customer_pm = customer_pm;
        self.contract_scope = contract_scope;
        self.special_requirements = special_requirements;
        self.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn form() -> FormValues {
        values([
            ("account_id", "acc-1".into()),
            ("industry", "Financial services".into()),
            ("end_users", "2,500".into()),
            ("systems", "sso,data_warehouse,sso".into()),
            ("kickoff_date", "2026-12-01".into()),
            ("go_live_target", "2027-03-31".into()),
        ])
    }

    #[test]
    fn systems_are_parsed_deduplicated_and_round_trip() {
        let mut p = OnboardingProject::new("p1".into(), now());
        p.apply_form(&form(), now()).unwrap();
        assert_eq!(p.systems, vec![System::Sso, System::DataWarehouse]);
        assert_eq!(p.end_users, Some(2500));
        let mut q = OnboardingProject::new("p1".into(), now());
        q.apply_form(&p.to_form(), now()).unwrap();
        assert_eq!(p, q);
    }

    #[test]
    fn go_live_must_follow_kickoff() {
        let mut p = OnboardingProject::new("p1".into(), now());
        let mut f = form();
        f.insert("go_live_target", "2026-11-30".into());
        let e = p.apply_form(&f, now()).unwrap_err();
        assert_eq!(
            (e[0].field, e[0].message),
            ("go_live_target", Msg::ErrGoLiveBeforeKickoff)
        );
    }

    #[test]
    fn unknown_systems_and_missing_fields_are_reported() {
        let mut p = OnboardingProject::new("p1".into(), now());
        let f = values([("systems", "sso,mainframe".into())]);
        let fields: Vec<_> = p
            .apply_form(&f, now())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec!["account_id", "industry", "systems", "go_live_target"]
        );
    }

    fn base_playbook() -> Playbook {
        serde_json::from_str(
            r#"{"id":"pb1","name":"Retail","segment":"standard","version":1,"created_at":"2026-11-01T08:00:00Z"}"#,
        )
        .unwrap()
    }

    fn stat(task: &str, kind: ProgressKind) -> (StepStat, Phase) {
        let stat = StepStat {
            task: task.into(),
            kind,
            projects: 3,
        };
        (stat, Phase::Months2To3)
    }

    #[test]
    fn playbooks_stored_before_versioning_still_load() {
        let old = base_playbook();
        assert_eq!((old.version, old.name.as_str()), (1, "Retail"));
        assert!(old.skipped_tasks.is_empty() && old.added_steps.is_empty());
    }

    #[test]
    fn the_next_version_adopts_skipped_and_added_steps_and_round_trips() {
        use ProgressKind::*;
        let adopted = [
            stat("m2_train_users", Skipped),
            stat("Data privacy workshop", Added),
            stat("w2_config", Changed),
            stat("pk_contacts", Done),
            stat("m2_train_users", Skipped),
            stat("data privacy  WORKSHOP", Added),
        ];
        let v2 = base_playbook().next_version("pb2".into(), now(), &adopted);
        assert_eq!(
            (v2.id.as_str(), v2.version, v2.created_at),
            ("pb2", 2, now())
        );
        assert_eq!(
            (v2.name.as_str(), v2.segment.as_str()),
            ("Retail", "standard")
        );
        assert_eq!(v2.skipped_tasks, vec!["m2_train_users"]);
        assert_eq!(
            v2.added_steps,
            vec![AddedStep {
                name: "Data privacy workshop".into(),
                phase: Phase::Months2To3
            }]
        );
        let json = serde_json::to_value(&v2).unwrap();
        assert_eq!(json["added_steps"][0]["phase"], "months_2_3");
        assert_eq!(serde_json::from_value::<Playbook>(json).unwrap(), v2);
        // Version 3: the added step was skipped again and the skipped task added back.
        let v3 = v2.next_version(
            "pb3".into(),
            now(),
            &[
                stat(" data privacy workshop", Skipped),
                stat("m2_train_users", Added),
                stat("pg_retro", Skipped),
            ],
        );
        assert_eq!(v3.version, 3);
        assert!(v3.added_steps.is_empty());
        assert_eq!(v3.skipped_tasks, vec!["pg_retro"]);
        // The earlier version is untouched.
        assert_eq!(v2.skipped_tasks, vec!["m2_train_users"]);
    }

    #[test]
    fn an_unknown_phase_in_a_stored_playbook_is_an_error() {
        let bad = r#"{"id":"x","name":"n","version":2,"created_at":"2026-11-01T08:00:00Z","added_steps":[{"name":"a","phase":"month_9"}]}"#;
        assert!(serde_json::from_str::<Playbook>(bad).is_err());
    }
}
