//! Which stores replicate and which never leave the browser: one table the transport reads
//! both ways (what it pushes, what it accepts from the server). Unknown stores never leave.

/// How a store takes part in team sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Always replicated with the team's database.
    Shared,
    /// Replicated only when the team turns it on (drafts).
    OptIn,
    /// Never sent and never accepted: settings, AI connections and keys, bookkeeping.
    Private,
}

/// The replication policy of every store Casebook has, by store name.
pub const POLICIES: &[(&str, Policy)] = &[
    ("accounts", Policy::Shared),
    ("escalations", Policy::Shared),
    ("feedback", Policy::Shared),
    ("themes", Policy::Shared),
    ("onboarding", Policy::Shared),
    ("playbooks", Policy::Shared),
    ("drafts", Policy::OptIn),
    ("settings", Policy::Private),
    ("meta", Policy::Private),
    // Derived from the feedback in each browser: a synced item marks its months stale there.
    ("feedback_months", Policy::Private),
];

/// The policy of a store; a store this table does not know is private (fail closed).
pub fn policy(store: &str) -> Policy {
    POLICIES
        .iter()
        .find(|(name, _)| *name == store)
        .map_or(Policy::Private, |(_, policy)| *policy)
}

/// The team's choices that widen what is shared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub share_drafts: bool,
}

impl Scope {
    /// Whether records of `store` go to, and come from, the team's database.
    pub fn replicates(self, store: &str) -> bool {
        match policy(store) {
            Policy::Shared => true,
            Policy::OptIn => self.share_drafts,
            Policy::Private => false,
        }
    }

    /// The stores that replicate under this scope, in table order.
    pub fn stores(self) -> Vec<&'static str> {
        POLICIES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| self.replicates(name))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_team_records_replicate() {
        let scope = Scope::default();
        assert_eq!(
            scope.stores(),
            [
                "accounts",
                "escalations",
                "feedback",
                "themes",
                "onboarding",
                "playbooks"
            ]
        );
    }

    #[test]
    fn drafts_replicate_only_when_the_team_opts_in() {
        assert!(!Scope::default().replicates("drafts"));
        assert!(Scope { share_drafts: true }.replicates("drafts"));
        assert_eq!(policy("drafts"), Policy::OptIn);
    }

    #[test]
    fn settings_keys_and_connections_never_leave_whatever_the_scope() {
        // AI connections and API keys live in the settings store.
        for scope in [Scope::default(), Scope { share_drafts: true }] {
            assert!(!scope.replicates("settings"));
            assert!(!scope.replicates("meta"));
            assert!(!scope.stores().contains(&"settings"));
        }
    }

    #[test]
    fn unknown_stores_are_private() {
        for store in ["", "connections", "keys", "Accounts", "rehearsals"] {
            assert_eq!(policy(store), Policy::Private, "{store}");
            assert!(!Scope { share_drafts: true }.replicates(store));
        }
    }

    #[test]
    fn every_store_appears_once() {
        let mut names: Vec<&str> = POLICIES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), POLICIES.len());
    }
}
