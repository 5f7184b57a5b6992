//! Casebook's own phrase tables for scoring a rehearsal, in English and Chinese: what
//! acknowledges the impact, what blames the customer or a colleague, what makes each
//! forbidden promise, what commits to a next step, the words naming each stakeholder role,
//! and the scanner of date and time expressions. Cues follow `domain::cues` (Latin cues are
//! whole words, `*` a prefix; Chinese cues match anywhere) on ASCII-lowercased text.

use crate::domain::cues::{hits, matches, Cues};
use crate::domain::escalation::plan::Role;
use crate::domain::escalation::rehearsal::score::Promise;

/// Saying what the problem costs the customer, or owning it.
pub const IMPACT: Cues = &[
    "i understand",
    "i know how",
    "i hear you",
    "i'm sorry",
    "i am sorry",
    "we're sorry",
    "we are sorry",
    "so sorry",
    "apologi*",
    "impact*",
    "affect*",
    "disrupt*",
    "frustrat*",
    "cost you",
    "costing you",
    "costs you",
    "unacceptable",
    "not acceptable",
    "let you down",
    "let your team down",
    "理解",
    "抱歉",
    "对不起",
    "道歉",
    "影响",
    "给您带来",
    "给你们带来",
    "造成",
    "损失",
    "困扰",
    "不便",
];

/// Putting the blame on the customer, a partner or a colleague.
pub const BLAME: Cues = &[
    "your fault",
    "their fault",
    "his fault",
    "her fault",
    "not our fault",
    "not my fault",
    "fault of",
    "user error",
    "your mistake",
    "you should have",
    "you shouldn't have",
    "your team should have",
    "you didn't follow",
    "you did not follow",
    "you misconfigured",
    "on your end",
    "on your side",
    "dropped the ball",
    "screwed up",
    "sales promised",
    "sales overpromised",
    "previous csm",
    "last csm",
    "blame",
    "你们的问题",
    "你们自己",
    "你们应该",
    "你们没有按",
    "是你们",
    "怪你们",
    "您的问题",
    "您这边的问题",
    "操作失误",
    "使用不当",
    "同事的问题",
    "研发的问题",
    "销售的问题",
    "他们的问题",
    "怪研发",
    "怪销售",
    "怪同事",
    "之前的csm",
    "上一任",
    "不是我们的错",
    "不是我的错",
    "甩锅",
];

/// Refusing or deferring a promise: a sentence with one of these promises nothing.
pub const REFUSAL: Cues = &[
    "can't",
    "cannot",
    "can not",
    "not able",
    "unable",
    "not in a position",
    "not promise",
    "no promise*",
    "not authori*",
    "need approval",
    "needs approval",
    "不能",
    "无法",
    "没法",
    "不便",
    "暂时不",
    "需要批准",
];

/// A commitment to act, for the next step.
pub const COMMIT: Cues = &[
    "i will",
    "i'll",
    "we will",
    "we'll",
    "i'm going to",
    "i am going to",
    "we're going to",
    "we are going to",
    "let's",
    "let us",
    "i commit",
    "you'll have",
    "you will have",
    "you'll get",
    "you will get",
    "you'll hear",
    "you will hear",
    "follow up",
    "schedule*",
    "book",
    "set up",
    "我会",
    "我们会",
    "我将",
    "我们将",
    "会在",
    "将在",
    "发给",
    "给您发",
    "给你发",
    "回复您",
    "同步",
    "安排",
    "跟进",
    "约",
    "通报",
    "联系您",
    "联系你",
];

/// Named dates and times (numbers are read by `dates`).
const DATE_WORDS: Cues = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tonight",
    "tomorrow",
    "this week",
    "next week",
    "this morning",
    "this afternoon",
    "this evening",
    "end of day",
    "end of the day",
    "eod",
    "end of the week",
    "end of week",
    "noon",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周天",
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
    "星期天",
    "今天",
    "今晚",
    "明天",
    "明早",
    "后天",
    "本周",
    "这周",
    "下周",
    "月底",
    "周末",
    "下班前",
    "上午",
    "下午",
    "中午",
    "工作日",
];

/// Chinese day names and the English ones they equal, so a date confirmed in one language
/// is recognised in the other.
const SAME_DAY: &[(&str, &str)] = &[
    ("周一", "monday"),
    ("星期一", "monday"),
    ("周二", "tuesday"),
    ("星期二", "tuesday"),
    ("周三", "wednesday"),
    ("星期三", "wednesday"),
    ("周四", "thursday"),
    ("星期四", "thursday"),
    ("周五", "friday"),
    ("星期五", "friday"),
    ("周六", "saturday"),
    ("星期六", "saturday"),
    ("周日", "sunday"),
    ("周天", "sunday"),
    ("星期日", "sunday"),
    ("星期天", "sunday"),
    ("今天", "today"),
    ("明天", "tomorrow"),
];

/// Units after a number that make it a date, a time or a delay.
const NUMBER_UNITS: &[&str] = &[
    "am",
    "pm",
    "h",
    "hour",
    "hours",
    "day",
    "days",
    "business day",
    "business days",
    "week",
    "weeks",
    "月",
    "日",
    "号",
    "点",
    "时",
    "天",
    "小时",
    "个小时",
    "个工作日",
    "周",
];

/// Chinese numerals, read as numbers by `dates`.
const HAN_DIGITS: &str = "〇一二三四五六七八九十两";

/// Fixing or delivering, for a fix-date promise.
const FIXING: Cues = &[
    "fix*",
    "resolv*",
    "patch*",
    "repair*",
    "ship*",
    "deliver*",
    "release*",
    "working again",
    "back up",
    "修好",
    "修复",
    "解决",
    "上线",
    "交付",
    "恢复",
];
/// Saying it will happen.
const WILL: Cues = &[
    "will",
    "'ll",
    "going to",
    "guarantee*",
    "promis*",
    "by",
    "before",
    "会",
    "将",
    "保证",
    "承诺",
    "前",
];
const CREDIT: Cues = &[
    "credit*",
    "refund*",
    "discount*",
    "compensat*",
    "free month*",
    "months free",
    "month free",
    "waive*",
    "reimburs*",
    "money back",
    "补偿",
    "赔偿",
    "返还",
    "退款",
    "折扣",
    "打折",
    "免费",
    "减免",
];
const GIVE: Cues = &[
    "will", "'ll", "give", "offer", "get", "going to", "can", "会", "将", "给", "可以", "提供",
];
const ROADMAP: Cues = &[
    "roadmap",
    "next release",
    "next version",
    "upcoming release",
    "new feature*",
    "路线图",
    "下个版本",
    "下一版本",
    "新版本",
    "新功能",
];
const PLANNED: Cues = &[
    "will", "'ll", "going to", "planned", "coming", "q1", "q2", "q3", "q4", "quarter", "会", "将",
    "季度", "计划", "上线",
];
const NEVER_AGAIN: Cues = &[
    "never happen again",
    "never happens again",
    "won't happen again",
    "will not happen again",
    "won't ever happen",
    "never again",
    "won't recur",
    "will never recur",
    "不会再发生",
    "不会再出现",
    "绝不会再",
    "再也不会",
    "保证不再",
    "不会再有",
];
const LEGAL: Cues = &[
    "legal position",
    "in breach",
    "not in breach",
    "the contract says",
    "contractually",
    "you're entitled",
    "you are entitled",
    "not entitled",
    "liable",
    "liability",
    "under the contract",
    "违约",
    "合同规定",
    "合同条款",
    "法律责任",
    "根据合同",
    "有权",
    "无权",
];
const PRICE_MATCH: Cues = &[
    "match their price",
    "match the price",
    "match that price",
    "match their offer",
    "match the offer",
    "match that offer",
    "price match*",
    "beat their price",
    "beat their offer",
    "lower the price",
    "lower your price",
    "cut the price",
    "reduce the price",
    "reduce your price",
    "same price as",
    "cheaper than",
    "价格匹配",
    "匹配价格",
    "同样的价格",
    "一样的价格",
    "降价",
    "比他们便宜",
    "更低的价格",
];
const DEDICATED: Cues = &[
    "dedicated team",
    "dedicated engineer*",
    "dedicated support",
    "dedicated resource*",
    "dedicated csm",
    "dedicated account manager",
    "your own team",
    "assign a team",
    "full-time",
    "专属团队",
    "专门的团队",
    "专门团队",
    "专属工程师",
    "专职",
    "专人",
    "专属支持",
];
const RESPONSE: Cues = &[
    "respond*",
    "response*",
    "reply",
    "replies",
    "answer*",
    "ticket*",
    "support",
    "sla",
    "响应",
    "回复",
    "工单",
    "支持",
    "客服",
];
const FASTER: Cues = &[
    "within an hour",
    "within one hour",
    "within 1 hour",
    "within 15 minutes",
    "within 30 minutes",
    "within minutes",
    "24/7",
    "round the clock",
    "around the clock",
    "faster",
    "priority",
    "guaranteed",
    "一小时内",
    "1小时内",
    "15分钟",
    "30分钟",
    "分钟内",
    "全天候",
    "7x24",
    "更快",
    "优先",
];
const EXECUTIVES: Cues = &[
    "ceo",
    "cto",
    "coo",
    "cfo",
    "vp",
    "executive*",
    "leadership",
    "management",
    "board",
    "高管",
    "总裁",
    "领导",
    "管理层",
    "老板",
];
const EXEC_COMMIT: Cues = &[
    "will approve",
    "will commit",
    "has agreed",
    "have agreed",
    "agreed to",
    "guarantee*",
    "promise*",
    "will personally",
    "will sign",
    "approved",
    "会批准",
    "已同意",
    "同意了",
    "保证",
    "承诺",
    "拍板",
    "答应",
];

/// The cues that make a forbidden promise: every group must hit in one sentence.
pub struct Trigger {
    pub promise: Promise,
    pub groups: &'static [Cues],
    /// Also needs a date or time that the record has not confirmed.
    pub needs_unconfirmed_date: bool,
    /// A refusal in the same sentence ("I can't offer a credit…") clears it.
    pub refusable: bool,
}

const fn trigger(promise: Promise, groups: &'static [Cues]) -> Trigger {
    Trigger {
        promise,
        groups,
        needs_unconfirmed_date: false,
        refusable: true,
    }
}

/// One trigger per forbidden promise (blame is its own check).
pub const TRIGGERS: &[Trigger] = &[
    Trigger {
        needs_unconfirmed_date: true,
        ..trigger(Promise::FixDate, &[FIXING, WILL])
    },
    trigger(Promise::Credit, &[CREDIT, GIVE]),
    trigger(Promise::Roadmap, &[ROADMAP, PLANNED]),
    Trigger {
        refusable: false,
        ..trigger(Promise::NeverAgain, &[NEVER_AGAIN])
    },
    trigger(Promise::LegalPosition, &[LEGAL]),
    trigger(Promise::PriceMatch, &[PRICE_MATCH]),
    trigger(Promise::DedicatedTeam, &[DEDICATED]),
    trigger(Promise::BetterSla, &[RESPONSE, FASTER]),
    trigger(Promise::ExecOutcome, &[EXECUTIVES, EXEC_COMMIT]),
];

/// The words that name a stakeholder role, in both languages.
pub fn role_words(role: Role) -> Cues {
    match role {
        Role::Support => &["support", "helpdesk", "help desk", "支持", "客服"],
        Role::Engineering => &[
            "engineer*",
            "developer*",
            "dev team",
            "r&d",
            "tech lead",
            "研发",
            "工程",
            "开发",
            "技术团队",
        ],
        Role::Product => &[
            "product team",
            "product manager*",
            "product management",
            "product lead",
            "product owner",
            "head of product",
            "产品经理",
            "产品团队",
            "产品负责人",
        ],
        Role::Legal => &["legal", "lawyer*", "counsel", "法务", "律师"],
        Role::Finance => &["finance", "billing team", "cfo", "财务"],
        Role::ExecutiveSponsor => &[
            "executive*",
            "exec",
            "sponsor",
            "vp",
            "svp",
            "ceo",
            "cto",
            "coo",
            "chief",
            "head of",
            "leadership",
            "高管",
            "发起人",
            "副总裁",
            "总裁",
            "总监",
        ],
    }
}

/// Whether any cue occurs in `text` (normalized).
pub fn any(text: &str, cues: Cues) -> bool {
    hits(text, cues) > 0
}

/// The first cue of `cues` found in `text` (normalized).
fn first_hit(text: &str, cues: Cues) -> Option<&'static str> {
    cues.iter().copied().find(|cue| matches(text, cue))
}

/// The date and time expressions in `text` (normalized): named days, months and times, and
/// numbers followed by a date or time unit ("27/11", "3pm", "10:30", "48 hours", "12月3日",
/// "三点"), each as found.
pub fn dates(text: &str) -> Vec<String> {
    let mut found: Vec<String> = DATE_WORDS
        .iter()
        .filter(|cue| matches(text, cue))
        .map(|cue| {
            let same = SAME_DAY.iter().find(|(zh, _)| zh == cue);
            same.map_or(*cue, |(_, en)| *en).to_string()
        })
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || HAN_DIGITS.contains(c);
    let mut i = 0;
    while i < chars.len() {
        if !numeral(chars[i]) || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && numeral(chars[i]) {
            i += 1;
        }
        let ascii = chars[start..i].iter().all(char::is_ascii_digit);
        // "27/11", "2026-11-27", "10:30": digits joined by separators, read whole.
        let joined = |at: usize| {
            ascii
                && chars.get(at).is_some_and(|c| "/-.:".contains(*c))
                && chars.get(at + 1).is_some_and(char::is_ascii_digit)
        };
        if joined(i) {
            while joined(i) || (i < chars.len() && chars[i].is_ascii_digit()) {
                i += 1;
            }
            found.push(chars[start..i].iter().collect());
            continue;
        }
        let number: String = chars[start..i].iter().collect();
        let after: String = chars[i..].iter().take(16).collect();
        let after = after.trim_start();
        let unit = NUMBER_UNITS
            .iter()
            .filter(|u| after.starts_with(**u) && (ascii || !u.is_ascii()))
            .filter(|u| {
                !u.is_ascii() || !after[u.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
            })
            .max_by_key(|u| u.len());
        // "一点" is also "a little": a lone 一 before 点 is no time.
        match unit {
            Some(&"点") if number == "一" => {}
            Some(unit) => found.push(format!("{number}{unit}")),
            None => {}
        }
    }
    found
}

/// Whether the sentence names a stakeholder of `role` by its role word.
pub fn names_role(text: &str, role: Role) -> bool {
    first_hit(text, role_words(role)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words_and_numbers_in_both_languages() {
        assert_eq!(dates("we'll call you on friday at 3pm"), ["friday", "3pm"]);
        assert_eq!(dates("by 2026-11-27 10:30"), ["2026-11-27", "10:30"]);
        assert_eq!(dates("on 27/11."), ["27/11"]);
        assert_eq!(dates("within 48 hours"), ["48hours"]);
        assert_eq!(
            dates("我们会在周五下午三点前给您回复"),
            ["friday", "下午", "三点"]
        );
        assert_eq!(dates("12月3日之前"), ["12月", "3日"]);
        assert_eq!(dates("两个工作日内"), ["工作日", "两个工作日"]);
        assert!(dates("有一点影响").is_empty(), "一点 is 'a little'");
        assert!(dates("we have 3 admins and v2").is_empty());
        assert!(dates("the h2 heading, 5 apples").is_empty());
    }

    #[test]
    fn every_role_has_words_in_both_scripts() {
        for role in Role::ALL {
            let words = role_words(role);
            assert!(words.iter().any(|w| w.is_ascii()), "{role:?}");
            assert!(words.iter().any(|w| !w.is_ascii()), "{role:?}");
        }
        assert!(names_role(
            "i've asked our engineering lead",
            Role::Engineering
        ));
        assert!(names_role("法务会审核合同", Role::Legal));
        assert!(!names_role("our product is slow", Role::Product));
    }

    #[test]
    fn every_trigger_group_has_cues_in_both_scripts() {
        for t in TRIGGERS {
            for group in t.groups {
                assert!(group.iter().any(|w| w.is_ascii()), "{:?}", t.promise);
                assert!(group.iter().any(|w| !w.is_ascii()), "{:?}", t.promise);
            }
        }
        for cues in [IMPACT, BLAME, REFUSAL, COMMIT] {
            assert!(cues.iter().any(|w| w.is_ascii()) && cues.iter().any(|w| !w.is_ascii()));
        }
    }
}
