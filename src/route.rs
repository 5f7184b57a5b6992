//! Hash routes (`#/escalations/new`): parsing and formatting. Routing on the hash keeps deep
//! links working on any static host and sub-path, with no server-side fallback.

use crate::domain::url::{decode_component, encode_component};
use crate::domain::workspace::Workspace;

/// A workspace screen that is not a record: the feedback tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// CSV import of survey responses.
    FeedbackImport,
    /// Theme analysis (AI in chunks, or local keyword grouping) and theme review.
    FeedbackThemes,
    /// The monthly health dashboard and the tracker export.
    FeedbackHealth,
}

impl Tool {
    pub const ALL: [Tool; 3] = [
        Self::FeedbackImport,
        Self::FeedbackThemes,
        Self::FeedbackHealth,
    ];

    /// The single path segment of the tool (never a workspace slug).
    pub fn slug(self) -> &'static str {
        match self {
            Self::FeedbackImport => "feedback-import",
            Self::FeedbackThemes => "feedback-themes",
            Self::FeedbackHealth => "feedback-health",
        }
    }

    pub fn workspace(self) -> Workspace {
        Workspace::Feedback
    }
}

/// A screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Settings,
    List(Workspace),
    New(Workspace),
    Edit(Workspace, String),
    /// A guided prompt (by id) for one record.
    Prompt(Workspace, String, String),
    Tool(Tool),
    NotFound,
}

impl Route {
    /// Reads `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Self::Home,
            ["settings"] => Self::Settings,
            [slug] => match Tool::ALL.into_iter().find(|t| t.slug() == *slug) {
                Some(tool) => Self::Tool(tool),
                None => Workspace::from_slug(slug).map_or(Self::NotFound, Self::List),
            },
            [slug, "new"] => Workspace::from_slug(slug).map_or(Self::NotFound, Self::New),
            [slug, id] => Workspace::from_slug(slug)
                .map_or(Self::NotFound, |w| Self::Edit(w, decode_component(id))),
            [slug, id, "prompt", prompt] => Workspace::from_slug(slug)
                .map_or(Self::NotFound, |w| {
                    Self::Prompt(w, decode_component(id), decode_component(prompt))
                }),
            _ => Self::NotFound,
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn href(&self) -> String {
        match self {
            Self::Home | Self::NotFound => "#/".into(),
            Self::Settings => "#/settings".into(),
            Self::List(w) => format!("#/{}", w.slug()),
            Self::New(w) => format!("#/{}/new", w.slug()),
            Self::Edit(w, id) => format!("#/{}/{}", w.slug(), encode_component(id)),
            Self::Prompt(w, id, prompt) => {
                format!(
                    "#/{}/{}/prompt/{}",
                    w.slug(),
                    encode_component(id),
                    encode_component(prompt)
                )
            }
            Self::Tool(tool) => format!("#/{}", tool.slug()),
        }
    }

    /// The workspace a route belongs to, for highlighting navigation.
    pub fn workspace(&self) -> Option<Workspace> {
        match self {
            Self::List(w) | Self::New(w) | Self::Edit(w, _) | Self::Prompt(w, _, _) => Some(*w),
            Self::Tool(tool) => Some(tool.workspace()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_screen() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/settings"), Route::Settings);
        assert_eq!(
            Route::parse("#/escalations"),
            Route::List(Workspace::Escalations)
        );
        assert_eq!(
            Route::parse("#/feedback/new"),
            Route::New(Workspace::Feedback)
        );
        assert_eq!(
            Route::parse("#/onboarding/p-42/"),
            Route::Edit(Workspace::Onboarding, "p-42".into())
        );
        assert_eq!(Route::parse("#/nowhere"), Route::NotFound);
        assert_eq!(Route::parse("#/accounts/a/b"), Route::NotFound);
        assert_eq!(
            Route::parse("#/escalations/e1/prompt/plan"),
            Route::Prompt(Workspace::Escalations, "e1".into(), "plan".into())
        );
    }

    #[test]
    fn hrefs_round_trip_including_odd_ids() {
        for route in [
            Route::Home,
            Route::Settings,
            Route::List(Workspace::Accounts),
            Route::New(Workspace::Escalations),
            Route::Edit(Workspace::Feedback, "a b/c%d#e".into()),
            Route::Edit(Workspace::Accounts, "客户-1".into()),
            Route::Prompt(
                Workspace::Escalations,
                "e/1".into(),
                "escalation.response_plan".into(),
            ),
            Route::Tool(Tool::FeedbackImport),
            Route::Tool(Tool::FeedbackThemes),
            Route::Tool(Tool::FeedbackHealth),
        ] {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        }
    }

    #[test]
    fn malformed_escapes_are_kept_literally() {
        assert_eq!(
            Route::parse("#/accounts/50%"),
            Route::Edit(Workspace::Accounts, "50%".into())
        );
        assert_eq!(
            Route::parse("#/accounts/%zz"),
            Route::Edit(Workspace::Accounts, "%zz".into())
        );
    }

    #[test]
    fn workspace_of_route() {
        assert_eq!(
            Route::New(Workspace::Onboarding).workspace(),
            Some(Workspace::Onboarding)
        );
        assert_eq!(Route::Settings.workspace(), None);
        assert_eq!(
            Route::parse("#/feedback-health").workspace(),
            Some(Workspace::Feedback)
        );
    }
}
