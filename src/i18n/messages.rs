//! The translation table: every user-visible text, in English and Simplified Chinese.
//! `{name}` placeholders are filled by `Msg::fill`; a test checks both languages use the same.

use super::Lang;

macro_rules! messages {
    ($($key:ident => $en:literal, $zh:literal;)+) => {
        /// A translation key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)+ }

        impl Msg {
            /// Every key, for table-wide tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)+];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self { $(Msg::$key => $en,)+ },
                    Lang::Zh => match self { $(Msg::$key => $zh,)+ },
                }
            }
        }
    };
}

messages! {
    // Shell and navigation
    AppName => "Casebook", "Casebook";
    NavMain => "Main", "主导航";
    NavHome => "Home", "首页";
    NavAccounts => "Accounts", "客户";
    NavEscalations => "Escalations", "升级处理";
    NavFeedback => "Feedback", "客户反馈";
    NavOnboarding => "Onboarding", "客户上线";
    NavSettings => "Settings", "设置";
    LanguageLabel => "Interface language", "界面语言";
    SkipToContent => "Skip to content", "跳到正文";
    Loading => "Loading…", "正在加载…";
    Dismiss => "Dismiss", "关闭";
    ReloadExplanation => "Casebook was updated in another tab, so this tab can no longer save. Reload it to continue; nothing saved is lost.", "Casebook 已在另一个标签页中更新，此标签页无法再保存。请重新加载后继续，已保存的内容不会丢失。";
    ReloadThisTab => "Reload this tab", "重新加载此标签页";
    StorageFailedTitle => "Casebook cannot open its storage", "Casebook 无法打开本地存储";
    NotFoundTitle => "This page does not exist", "此页面不存在";
    BackHome => "Back to Home", "返回首页";

    // Home
    HomeTitle => "Your Customer Success casebook", "你的客户成功工作台";
    HomeLede => "Casebook helps you handle escalations, run the customer feedback loop and plan enterprise onboarding. Everything stays in this browser; drafts can use the AI endpoint you choose, with your own key.", "Casebook 帮你处理客户升级、运营客户反馈闭环、规划企业客户上线。所有数据都保存在本浏览器中；草稿可以调用你自己选择的 AI 服务和密钥。";
    HomeEscalations => "Classify an angry customer's escalation, see who to involve, and plan the first response and the next 14 days.", "对客户升级进行分类，明确需要协调的人员，规划首次回复和之后 14 天的行动。";
    HomeFeedback => "Collect NPS and other feedback, group it into themes, route it to product and close the loop with customers.", "收集 NPS 等客户反馈，归纳主题，转交产品团队，并向客户反馈结果形成闭环。";
    HomeOnboarding => "Segment each enterprise customer and build a dated, owned onboarding plan with risks and checklists.", "对企业客户分层，制定有日期、有负责人的上线计划，附带风险和检查清单。";
    RecordCount => "{n} records", "{n} 条记录";
    GettingStarted => "Getting started", "开始使用";
    StepAddAccount => "Add your first customer account", "添加第一个客户";
    StepOpenWorkspace => "Open a workspace above and create a record for that account", "在下方任一工作区为该客户创建记录";
    StepBackup => "Export a backup from Settings now and then: browsers may clear site data", "定期在“设置”中导出备份：浏览器可能会清除网站数据";
    PrivacyNote => "Private by design: no account, no tracking, no data sent anywhere except the AI endpoint you configure.", "隐私优先：无需注册、没有追踪，除了你配置的 AI 服务外不会向任何地方发送数据。";
    BackupReminder => "You have not exported a backup for a while. Browsers can clear site data without warning.", "你已有一段时间没有导出备份。浏览器可能会在没有提示的情况下清除网站数据。";
    GoToBackup => "Back up now", "立即备份";

    // Workspaces
    IntroAccounts => "The customers your escalations, feedback and onboarding projects belong to. ARR and renewal dates are read from here.", "升级、反馈和上线项目所属的客户。ARR 和续约日期从这里读取。";
    IntroEscalations => "Escalations from unhappy customers, from first contact to the post-escalation review.", "来自不满意客户的升级事件，从首次接触到复盘。";
    IntroFeedback => "Feedback from NPS surveys, QBRs, tickets, CSM notes and advisory boards, tracked until the loop is closed.", "来自 NPS 调研、QBR、工单、CSM 记录和客户顾问委员会的反馈，持续跟踪直到闭环。";
    IntroOnboarding => "Enterprise onboarding projects, from kickoff to go-live and the first weeks after.", "企业客户上线项目，从启动会到上线及上线后的最初几周。";
    NewAccount => "New account", "新建客户";
    NewEscalation => "New escalation", "新建升级";
    NewFeedback => "New feedback", "新建反馈";
    NewOnboarding => "New onboarding project", "新建上线项目";
    EditAccount => "Edit account", "编辑客户";
    EditEscalation => "Edit escalation", "编辑升级";
    EditFeedback => "Edit feedback", "编辑反馈";
    EditOnboarding => "Edit onboarding project", "编辑上线项目";
    EmptyAccounts => "No accounts yet. Add the customers you work with; every other record links to one.", "还没有客户。请添加你负责的客户，其他记录都需要关联一个客户。";
    EmptyEscalations => "No escalations yet. When a customer escalates, log it here to get a plan in minutes.", "还没有升级事件。客户升级时在这里记录，几分钟内就能得到处理方案。";
    EmptyFeedback => "No feedback yet. Add a piece of feedback to start tracking it to a closed loop.", "还没有反馈。添加一条反馈，开始跟踪直到闭环。";
    EmptyOnboarding => "No onboarding projects yet. Create one when an enterprise customer signs.", "还没有上线项目。企业客户签约后在这里创建。";
    Search => "Search", "搜索";
    SearchPlaceholder => "Search (press / )", "搜索（按 / 键）";
    ShowingCount => "{shown} of {total}", "{total} 条中的 {shown} 条";
    NoMatches => "Nothing matches this search.", "没有符合搜索条件的记录。";
    ColumnAge => "Age", "已过时间";
    AgeMinutes => "{n} min", "{n} 分钟";
    AgeHours => "{n} h", "{n} 小时";
    AgeDays => "{n} d", "{n} 天";

    // Forms
    Save => "Save", "保存";
    Saving => "Saving…", "正在保存…";
    Saved => "Saved.", "已保存。";
    Cancel => "Cancel", "取消";
    Delete => "Delete", "删除";
    Deleted => "Deleted.", "已删除。";
    FixFields => "Please correct {n} field(s) marked below.", "请修改下面标出的 {n} 个字段。";
    FormKeyboardHint => "Enter in a one-line field saves; Escape goes back without saving.", "在单行输入框中按 Enter 保存；按 Esc 返回且不保存。";
    ConfirmDeleteRecord => "Delete “{title}”? This cannot be undone.", "确定删除“{title}”吗？此操作无法撤销。";
    AccountInUse => "This account still has {n} linked record(s). Delete or move them first.", "该客户仍有 {n} 条关联记录，请先删除或改为关联其他客户。";
    RecordNotFound => "This record no longer exists. It may have been deleted in another tab.", "该记录已不存在，可能已在另一个标签页中删除。";
    ChooseAccount => "Choose an account…", "选择客户…";
    NoAccountsYet => "No accounts yet: add the customer first.", "还没有客户：请先添加客户。";

    // Fields
    FieldAccountName => "Account name", "客户名称";
    FieldTier => "Tier", "客户等级";
    FieldArr => "ARR", "ARR（年度经常性收入）";
    FieldCurrency => "Currency", "币种";
    FieldRenewalDate => "Renewal date", "续约日期";
    FieldContacts => "Contacts", "联系人";
    FieldNotes => "Notes", "备注";
    FieldAccount => "Account", "客户";
    FieldContactName => "Primary contact", "主要联系人";
    FieldContactTitle => "Contact's title", "联系人职位";
    FieldContactEmail => "Contact's e-mail", "联系人邮箱";
    FieldReceivedAt => "Received at", "收到时间";
    FieldChannel => "Channel", "渠道";
    FieldSummary => "What the customer said", "客户反馈内容";
    FieldUnderlyingIssue => "Underlying issue", "根本问题";
    FieldCanFix => "What we can honestly fix, and when", "我们能真正解决什么、何时解决";
    FieldStakeholders => "Internal stakeholders involved", "已参与的内部相关人";
    FieldStatus => "Status", "状态";
    FieldSource => "Source", "来源";
    FieldReceivedOn => "Received on", "收到日期";
    FieldScore => "NPS score", "NPS 评分";
    FieldVerbatim => "Verbatim", "客户原话";
    FieldStage => "Stage", "阶段";
    FieldOwner => "Owner", "负责人";
    FieldCustomer => "Customer", "客户";
    FieldIndustry => "Industry", "行业";
    FieldEndUsers => "End users", "最终用户数";
    FieldSystems => "Systems to connect", "需对接的系统";
    FieldOtherSystems => "Other systems", "其他系统";
    FieldKickoffDate => "Kickoff date", "启动日期";
    FieldGoLiveTarget => "Go-live target", "目标上线日期";
    FieldExecSponsor => "Executive sponsor", "高管发起人";
    FieldTechnicalLead => "Technical lead", "技术负责人";
    FieldCustomerPm => "Customer project manager", "客户方项目经理";
    FieldContractScope => "Contract scope", "合同范围";
    FieldSpecialRequirements => "Special requirements", "特殊要求";

    // Help texts
    HelpArr => "Annual recurring revenue; separators and a currency symbol are fine, e.g. $1,200,000.", "年度经常性收入；可以带千位分隔符和货币符号，例如 ¥1,200,000。";
    HelpCurrency => "Three-letter code such as USD, EUR or CNY. Empty means USD.", "三个字母的币种代码，如 USD、EUR、CNY。留空即为 USD。";
    HelpContacts => "One per line: name, role, e-mail (role and e-mail optional).", "每行一位：姓名, 职位, 邮箱（职位和邮箱可选）。";
    HelpReceivedAt => "When the escalation reached us, in your local time. The 2-hour first-response clock starts here.", "升级到达我们的时间（本地时间）。2 小时首次回复计时从此开始。";
    HelpSummary => "The customer's words, or a faithful summary: what happened and what they demand.", "客户的原话或忠实的摘要：发生了什么、客户提出了什么要求。";
    HelpUnderlyingIssue => "What is really wrong, as far as we know now.", "就目前所知，真正的问题是什么。";
    HelpCanFix => "Only what we can commit to. Anything not written here will not be promised.", "只写我们能承诺的内容。这里没写的都不会对客户承诺。";
    HelpScore => "0 to 10; required for NPS responses.", "0 到 10；NPS 反馈必填。";
    HelpVerbatim => "The customer's own words.", "客户的原话。";
    HelpIndustry => "e.g. Financial services, Healthcare, Retail.", "例如：金融、医疗、零售。";
    HelpSpecialRequirements => "Compliance (SOC 2, HIPAA, GDPR, data residency…), subsidiaries in scope, anything unusual.", "合规要求（等级保护、SOC 2、数据驻留等）、涉及的子公司，以及任何特殊情况。";

    // Choices
    TierStrategic => "Strategic", "战略客户";
    TierEnterprise => "Enterprise", "企业客户";
    TierMidMarket => "Mid-market", "中型客户";
    TierSmb => "SMB", "小微客户";
    ChannelEmail => "E-mail", "邮件";
    ChannelPhone => "Phone", "电话";
    ChannelMeeting => "Meeting", "会议";
    ChannelTicket => "Support ticket", "支持工单";
    ChannelChat => "Chat", "即时消息";
    ChannelSocial => "Social media", "社交媒体";
    StatusNew => "New", "新建";
    StatusResponding => "Responding", "响应中";
    StatusResolving => "Resolving", "解决中";
    StatusResolved => "Resolved", "已解决";
    StatusReviewed => "Reviewed", "已复盘";
    SourceNps => "NPS survey", "NPS 调研";
    SourceQbr => "QBR", "季度业务回顾";
    SourceTicket => "Support ticket", "支持工单";
    SourceCsmNote => "CSM note", "CSM 记录";
    SourceAdvisoryBoard => "Advisory board", "客户顾问委员会";
    StageReceived => "Received", "已收到";
    StageAcknowledged => "Acknowledged", "已确认";
    StageRouted => "Routed to product", "已转产品";
    StageProductResponded => "Product responded", "产品已回复";
    StageShipped => "Shipped", "已发布";
    StagePlanned => "Planned", "已排期";
    StageDeclined => "Declined", "不予采纳";
    StageLoopClosed => "Loop closed", "已闭环";
    SystemSso => "SSO", "单点登录（SSO）";
    SystemCrm => "CRM", "客户关系管理（CRM）";
    SystemDataWarehouse => "Data warehouse", "数据仓库";
    SystemErp => "ERP", "企业资源计划（ERP）";
    SystemHris => "HR system", "人力资源系统";
    SystemTicketing => "Ticketing", "工单系统";

    // Escalation classification
    TypeProductFailure => "Product failure", "产品故障";
    TypeContractDispute => "Contract dispute", "合同纠纷";
    TypeCompetitiveThreat => "Competitive threat", "竞争威胁";
    TypeRelationshipBreakdown => "Relationship breakdown", "关系破裂";
    TypeServiceGap => "Service gap", "服务缺口";
    SeverityP1 => "P1 · executive", "P1 · 高管介入";
    SeverityP2 => "P2 · CSM-managed", "P2 · CSM 负责";
    SeverityP3 => "P3 · support-tracked", "P3 · 支持团队跟进";
    SignalThreatToLeave => "cancellation, non-renewal or legal action threatened", "威胁解约、不续约或采取法律行动";
    SignalExecutive => "an executive asks for or is in the escalation", "高管要求介入或已参与";
    SignalOutage => "production outage or data loss", "生产故障或数据丢失";
    SignalLargeRenewalSoon => "ARR of 250,000 or more with renewal within 90 days", "ARR 不低于 250,000 且 90 天内续约";
    SignalSmallFarRenewal => "ARR under 25,000 and renewal more than 180 days away", "ARR 低于 25,000 且续约在 180 天以后";
    FactEscalationType => "Escalation type (built-in rules)", "升级类型（内置规则）";
    FactSeverity => "Severity (built-in rules)", "严重程度（内置规则）";
    FactSignals => "Signals that fired", "触发的信号";
    NoSignals => "none", "无";
    FactStakeholders => "Stakeholders to activate, with what we need and by when", "需要动员的干系人、需要他们做什么及截止时间";
    FactTimeline => "14-day resolution timeline (local time)", "14 天解决时间线（本地时间）";
    FactNotToPromise => "What must not be promised", "不可承诺的内容";
    FactEventLog => "Event log", "事件记录";
    FactClassificationOverride => "Classification set by the CSM (overrides the rules)", "CSM 手动设定的分类（覆盖内置规则）";
    FactCheckpoints => "Customer-update checkpoints (local time, by severity)", "客户沟通检查点（本地时间，按严重程度）";

    // Validation
    ErrRequired => "Required.", "必填。";
    ErrNotAnEmail => "Not a valid e-mail address.", "邮箱地址无效。";
    ErrNotAnAmount => "Enter an amount such as 250,000.", "请输入金额，例如 250,000。";
    ErrNegativeAmount => "The amount cannot be negative.", "金额不能为负数。";
    ErrNotADate => "Enter a real date, e.g. 2026-10-01.", "请输入有效日期，例如 2026-10-01。";
    ErrNotATime => "Enter a date and time.", "请输入日期和时间。";
    ErrNotANumber => "Enter a whole number.", "请输入整数。";
    ErrUnknownChoice => "Choose one of the options.", "请从选项中选择。";
    ErrContactLine => "Each line needs a name, then optionally a role and a valid e-mail, separated by commas.", "每行需要一个姓名，后面可以加职位和有效邮箱，用逗号分隔。";
    ErrCurrency => "Use a three-letter currency code such as USD.", "请使用三个字母的币种代码，例如 CNY。";
    ErrInFuture => "This cannot be in the future.", "不能是未来的时间。";
    ErrScoreRange => "NPS scores go from 0 to 10.", "NPS 评分范围为 0 到 10。";
    ErrScoreNeeded => "An NPS response needs its score.", "NPS 反馈需要填写评分。";
    ErrGoLiveBeforeKickoff => "The go-live target must come after the kickoff date.", "目标上线日期必须晚于启动日期。";
    ErrNameTaken => "Another account already has this name.", "已有同名客户。";
    ErrUnknownAccount => "This account no longer exists; choose another.", "该客户已不存在，请重新选择。";

    // Storage errors
    ErrStorageQuota => "The browser has no room left for Casebook's data. Export a backup, then delete old records or free disk space.", "浏览器没有足够空间保存 Casebook 数据。请先导出备份，再删除旧记录或释放磁盘空间。";
    ErrStorageReload => "This tab lost its connection to the data because Casebook was updated in another tab. Reload this tab.", "由于 Casebook 已在另一个标签页中更新，此标签页与数据的连接已断开。请重新加载此标签页。";
    ErrStorageUnavailable => "This browser does not allow Casebook to store data (private window or storage disabled). Use a normal window or allow site data.", "此浏览器不允许 Casebook 保存数据（可能是无痕窗口或禁用了存储）。请使用普通窗口或允许网站数据。";
    ErrStorageUnreadable => "A stored record could not be read. Export a backup and contact support.", "有一条已保存的记录无法读取。请导出备份并联系支持。";
    ErrStorageOther => "Saving failed. Your changes are still on screen; try again.", "保存失败。你的修改仍在页面上，请重试。";

    // Settings: backup
    BackupTitle => "Backup", "备份";
    BackupExplanation => "Export everything to one JSON file, and import it here or in another browser. Keep a recent copy: browsers may clear site data.", "将全部数据导出为一个 JSON 文件，可在此处或其他浏览器中导入。请保留最近的备份：浏览器可能会清除网站数据。";
    LastBackup => "Last backup: {date}", "上次备份：{date}";
    NeverBackedUp => "No backup exported yet.", "尚未导出过备份。";
    IncludeApiKeys => "Include API keys in the file", "在文件中包含 API 密钥";
    ExportBackup => "Export backup", "导出备份";
    BackupExported => "Backup exported.", "备份已导出。";
    ImportTitle => "Import a backup", "导入备份";
    ImportExplanation => "Importing replaces all data in this browser with the file's content, after you confirm.", "导入会在你确认后，用文件内容替换本浏览器中的全部数据。";
    ConfirmImport => "Replace all data in this browser with the backup exported {date}?", "确定用 {date} 导出的备份替换本浏览器中的全部数据吗？";
    ReplaceAllData => "Replace all data", "替换全部数据";
    ImportDone => "Backup imported: {n} records.", "备份已导入：共 {n} 条记录。";
    ColumnStore => "Data", "数据";
    ColumnInBrowser => "In this browser now", "本浏览器现有";
    ColumnInFile => "In the file", "文件中";
    StoreSettings => "Settings", "设置";
    StoreThemes => "Themes", "主题";
    StorePlaybooks => "Playbooks", "上线手册";
    StoreDrafts => "Drafts", "草稿";
    ErrFileUnreadable => "The file could not be read.", "无法读取该文件。";
    ErrBackupNotJson => "This file is not a Casebook backup: it is not valid JSON. Nothing was changed.", "此文件不是 Casebook 备份：不是有效的 JSON。未做任何更改。";
    ErrBackupTruncated => "This backup file is incomplete (cut off). Nothing was changed; export it again.", "此备份文件不完整（被截断）。未做任何更改，请重新导出。";
    ErrBackupForeign => "This JSON file is not a Casebook backup. Nothing was changed.", "此 JSON 文件不是 Casebook 备份。未做任何更改。";
    ErrBackupNewer => "This backup comes from a newer Casebook (data version {found}; this one reads up to {current}). Reload to update Casebook, then import again. Nothing was changed.", "此备份来自更新版本的 Casebook（数据版本 {found}，当前版本最多支持 {current}）。请刷新以更新 Casebook 后重新导入。未做任何更改。";
    ErrBackupMissingStore => "This backup lacks its “{store}” section. Nothing was changed.", "此备份缺少“{store}”部分。未做任何更改。";
    ErrBackupUnknownStore => "This backup has an unknown section “{store}”. Nothing was changed.", "此备份包含未知部分“{store}”。未做任何更改。";
    ErrBackupBadRecord => "Record {n} in “{store}” is damaged. Nothing was changed.", "“{store}”中的第 {n} 条记录已损坏。未做任何更改。";
    ErrBackupDuplicate => "“{store}” contains the id {key} twice. Nothing was changed.", "“{store}”中 ID {key} 出现了两次。未做任何更改。";
    ErrBackupDangling => "Record {n} in “{store}” links to an account missing from the file. Nothing was changed.", "“{store}”中的第 {n} 条记录关联的客户不在文件中。未做任何更改。";

    // Settings: storage
    StorageTitle => "Storage", "存储";
    StorageUsage => "Using {used} of {quota} available to this site.", "已使用 {used}，本网站可用 {quota}。";
    StorageUsageUnknown => "This browser does not report how much space is used.", "此浏览器不提供存储用量信息。";
    PersistOn => "The browser keeps this data even when disk space runs low.", "即使磁盘空间不足，浏览器也会保留这些数据。";
    PersistOff => "The browser may clear this data when disk space runs low. Ask it to keep the data, and export backups.", "磁盘空间不足时浏览器可能清除这些数据。请让浏览器保留数据，并定期导出备份。";
    AskPersist => "Ask the browser to keep the data", "请求浏览器保留数据";
    PersistGranted => "The browser will keep Casebook's data.", "浏览器将保留 Casebook 的数据。";
    PersistRefused => "The browser declined for now; keep exporting backups.", "浏览器暂时拒绝了请求，请继续定期导出备份。";

    // Settings: delete all
    DeleteAllTitle => "Delete all data", "删除全部数据";
    DeleteAllExplanation => "Removes every account, escalation, feedback item, onboarding project and draft from this browser.", "从本浏览器中删除所有客户、升级、反馈、上线项目和草稿。";
    DeleteAllData => "Delete all data", "删除全部数据";
    ConfirmDeleteAll => "Delete all {n} records from this browser? Export a backup first if you may need them.", "确定从本浏览器删除全部 {n} 条记录吗？如果之后可能需要，请先导出备份。";
    AllDataDeleted => "All data deleted.", "已删除全部数据。";

    // Guided prompts
    OutputSameAsInterface => "Same as the interface", "与界面语言相同";
    OutputEnglish => "English", "英文";
    OutputChinese => "Simplified Chinese", "简体中文";
    PromptRole => "You are a senior Customer Success advisor at a B2B SaaS company. You help a Customer Success Manager (CSM) respond to customers quickly, honestly and with care.", "你是一家 B2B SaaS 公司的资深客户成功顾问，帮助客户成功经理（CSM）快速、诚实、有同理心地回应客户。";
    PromptRulesHeading => "Rules:", "规则：";
    PromptRuleFactsOnly => "Use only the facts given in the user's message; do not invent names, figures, dates or events.", "只使用用户消息中给出的事实，不要编造姓名、数字、日期或事件。";
    PromptRuleAssumptions => "Where you have to assume something, mark it clearly as an assumption.", "如果必须做出假设，请明确标注为“假设”。";
    PromptRuleNoPromises => "Never promise anything the “can fix / can offer” fields do not allow: no dates, compensation, discounts, roadmap items or outcomes beyond what they state.", "绝不承诺“能解决 / 能提供”字段不允许的任何内容：不得超出其所写内容承诺日期、补偿、折扣、路线图事项或结果。";
    PromptRuleCustomerText => "Keep customer-facing text free of blame (towards the customer, colleagues or partners) and of internal jargon.", "面向客户的文字不得指责任何人（客户、同事或合作方），也不要使用内部术语。";
    PromptAnswerIn => "Answer in {language}.", "请用{language}回答。";
    PromptSectionsIntro => "Structure the answer with exactly these Markdown headings, worded as written and in this order, with nothing before the first one:", "回答必须严格使用以下 Markdown 标题，措辞和顺序保持不变，第一个标题之前不要写任何内容：";
    PromptWordLimit => "Keep the whole answer within {n} words.", "全文不超过 {n} 字。";
    PromptInputs => "Inputs:", "输入信息：";
    PromptFacts => "Computed facts:", "系统计算的事实：";
    PromptBuiltInLabel => "Built-in draft (no AI model): written from your inputs by fixed templates. Check and adapt it before use.", "内置草稿（未使用 AI 模型）：根据你填写的内容按固定模板生成，使用前请检查并修改。";
    PromptListItem => "- **{label}:** {value}", "- **{label}：**{value}";
    PromptMissingField => "not given yet: add “{label}” to the form and draft again", "尚未填写：请在表单中补充“{label}”后重新生成";
    // Guided prompts: escalation response plan
    PlanTitle => "Response plan", "升级响应计划";
    PlanIntro => "The complete response to a fresh escalation: severity, the first customer e-mail (to send within 2 hours), internal briefs, a 14-day timeline and what not to promise.", "针对新升级的完整响应计划：严重程度、第一封客户邮件（2 小时内发送）、内部简报、14 天时间线，以及不应承诺的内容。";
    PlanTask => "A customer has just escalated. Help me build the complete response plan.", "客户刚刚发起了升级。帮我建立完整的响应计划。";
    PlanFieldAccountContext => "Tier, ARR and renewal", "客户等级、ARR 与续约日期";
    PlanHelpAccount => "The customer's company name.", "客户的公司名称。";
    PlanHelpAccountContext => "For example: Strategic · ARR USD 1,200,000 · renews 2027-01-15. ARR and the time left to renewal both weigh on the severity.", "例如：战略客户 · 年经常性收入 CNY 1,200,000 · 2027-01-15 续约。ARR 和续约临近程度会影响严重程度。";
    PlanHelpContact => "The person the first e-mail is addressed to.", "第一封邮件的收件人。";
    PlanHelpContactTitle => "Their role, e.g. CIO. An executive in the escalation raises its severity.", "对方职位，例如 CIO。有高管参与的升级严重程度更高。";
    PlanHelpStakeholders => "Teams and people already involved, e.g. Support (Ana), on-call engineering.", "已参与的团队和人员，例如：支持团队（小王）、值班工程师。";
    PlanContextArr => "ARR {amount}", "年经常性收入 {amount}";
    PlanContextNoArr => "ARR not recorded", "ARR 未记录";
    PlanContextRenewal => "renews {date}", "{date} 续约";
    PlanContextNoRenewal => "renewal date not recorded", "续约日期未记录";
    FactFirstResponseDue => "First response due", "首次回复截止时间";
    FactFirstUpdateDue => "First customer update due", "首次进展更新截止时间";
    PlanSectionSeverity => "Severity and rationale", "严重程度及理由";
    PlanSectionEmail => "First customer e-mail (send within 2 hours)", "第一封客户回复邮件（2 小时内发送）";
    PlanSectionBriefs => "Internal briefs", "内部干系人简报";
    PlanSectionTimeline => "14-day timeline with customer-update checkpoints", "14 天解决时间线及客户沟通检查点";
    PlanSectionNotPromise => "What NOT to promise", "不应承诺的内容";
    PlanRuleSeverity => "Classify the severity as P1 (executive), P2 (CSM-managed) or P3 (support-tracked) and list the signals behind it: ARR, renewal proximity, cancellation threat, executive involvement, outage, legal words.", "将严重程度判定为 P1（高管级）、P2（CSM 管理）或 P3（支持跟踪），并列出依据的信号：ARR、续约临近、取消威胁、高管介入、故障、法律相关措辞。";
    PlanRuleEmail => "Start the e-mail section with the line “Subject: …”, then the body: acknowledge the issue, take ownership, state only what the can-fix field allows, and name the time of the next update.", "邮件部分第一行写“主题：……”，然后是正文：确认问题、承担责任、只陈述“能解决什么”字段允许的内容，并写明下次更新的时间。";
    PlanRuleBriefs => "Write one short brief per internal team that must act (support, engineering, product, leadership), each under a ### heading, with a specific ask and a reply-by time.", "为每个需要行动的内部团队（支持、工程、产品、管理层）各写一份简短简报，每份使用 ### 标题，包含具体请求和回复截止时间。";
    PlanRuleTimeline => "Give the timeline as a Markdown table (when, customer update, internal action) from day 0 to day 14, with customer updates even while the issue is unresolved.", "用 Markdown 表格（时间、客户沟通、内部行动）给出第 0 天到第 14 天的时间线；即使问题尚未解决，也要安排客户更新。";
    PlanRuleNotPromise => "In the last section, list concretely what must not be promised (dates, compensation, roadmap, root cause, contract exceptions) unless the can-fix field allows it.", "最后一部分具体列出不得承诺的内容（日期、补偿、路线图、根本原因、合同例外），除非“能解决什么”字段允许。";
    PlanSeverityTbc => "**Severity: to be confirmed.** The built-in drafter does not classify escalations yet; confirm P1 (executive), P2 (CSM-managed) or P3 (support-tracked) from the facts below.", "**严重程度：待确认。**内置草稿暂不自动分级，请根据以下事实确认为 P1（高管级）、P2（CSM 管理）或 P3（支持跟踪）。";
    PlanSeverityGuide => "It is P1 if any of these hold: cancellation, non-renewal or legal action threatened; an executive asks for or is in the escalation; production outage or data loss; ARR of 250,000 or more with renewal within 90 days. It is P3 only if none of these hold, ARR is under 25,000 and renewal is more than 180 days away. Otherwise it is P2.", "满足以下任一条件即为 P1：威胁解约、不续约或采取法律行动；高管要求介入或已参与；生产故障或数据丢失；ARR 不低于 250,000 且 90 天内续约。仅当以上均不满足、ARR 低于 25,000 且续约在 180 天之后时为 P3。其他情况为 P2。";
    PlanEmailSubject => "Subject: {account}: our response and next steps", "主题：{account}——我们的回复与下一步安排";
    PlanEmailSubjectNoAccount => "Subject: Our response and next steps", "主题：我们的回复与下一步安排";
    PlanEmailGreeting => "Dear {name},", "{name}，您好：";
    PlanEmailGreetingNoName => "Hello,", "您好：";
    PlanEmailYourTeam => "your team", "贵方";
    PlanEmailOpening => "Thank you for raising this with us, and I am sorry for the disruption it has caused {account}. I understand how serious this is, and I am personally coordinating our response.", "感谢您及时告知我们，对于给{account}带来的影响，我深表歉意。我理解此事的严重性，并将亲自协调我们的处理工作。";
    PlanEmailUnderstanding => "What we understand so far: {issue}", "目前我们了解到的情况：{issue}";
    PlanEmailCommit => "What we can commit to today: {can_fix}", "目前我们可以承诺的是：{can_fix}";
    PlanEmailNoCommit => "We are still confirming the cause and the fix, so rather than guess at a date today, I will give you a clear status in my next update.", "我们仍在确认原因和解决方案，因此今天不贸然给出日期，我会在下次更新时向您说明明确的进展。";
    PlanEmailNextUpdateAt => "I will send you the next update by {time}, even if the issue is not fully resolved by then.", "我会在 {time} 之前向您发送下一次进展更新，即使届时问题尚未完全解决。";
    PlanEmailNextUpdateWithin => "I will send you the next update within 24 hours, even if the issue is not fully resolved by then.", "我会在 24 小时内向您发送下一次进展更新，即使届时问题尚未完全解决。";
    PlanEmailReply => "If anything changes on your side in the meantime, simply reply to this e-mail.", "在此期间如果您那边有任何新情况，请直接回复此邮件。";
    PlanEmailClosing => "Kind regards,", "祝好！";
    PlanEmailSignature => "Your Customer Success Manager", "您的客户成功经理";
    PlanBriefSituation => "{account} has escalated: {summary}", "{account} 发起了升级：{summary}";
    PlanBriefsSendRelevant => "Send each brief only to a team this escalation needs; each one stands on its own.", "只把简报发给本次升级需要参与的团队；每份简报都可单独发送。";
    PlanNothingCommitted => "nothing committed yet; do not promise the customer anything", "尚未做出任何承诺；请勿向客户承诺任何内容";
    PlanBeforeFirstResponse => "before the first customer response is due (2 hours after receipt)", "首次客户回复截止之前（收到升级后 2 小时内）";
    PlanBriefAsk => "Ask", "请求";
    PlanBriefReplyBy => "Reply by", "回复截止";
    PlanTeamSupport => "Support", "支持团队";
    PlanTeamEngineering => "Engineering", "工程团队";
    PlanTeamProduct => "Product", "产品团队";
    PlanTeamLeadership => "Leadership", "管理层";
    PlanAskSupport => "Link every open ticket from this account to the escalation, share the current status and any workaround, and check with me before contacting the customer.", "将该客户所有未关闭的工单关联到本次升级，同步当前状态和可用的临时方案；联系客户前请先与我确认。";
    PlanAskEngineering => "Confirm the cause and a realistic fix date, and tell me what can safely be said to the customer. I will not share any date you have not confirmed.", "确认问题原因和切实可行的修复日期，并告诉我哪些内容可以安全地告知客户。未经你们确认的日期我不会对外透露。";
    PlanAskProduct => "Tell me whether this touches planned work and what, if anything, may be shared. Nothing about the roadmap goes to the customer without your confirmation.", "请告知此事是否涉及已规划的工作，以及哪些内容可以对外分享。未经你们确认，不会向客户透露任何路线图信息。";
    PlanAskLeadership => "For awareness; the severity is still to be confirmed. Decide whether an executive should contact the customer; I will send a short status at every checkpoint.", "请知悉；严重程度尚待确认。请决定是否需要高管出面联系客户；我会在每个检查点发送简要进展。";
    PlanColWhen => "When", "时间";
    PlanColCustomer => "Customer update", "客户沟通";
    PlanColInternal => "Internal action", "内部行动";
    PlanDay => "Day {n}", "第 {n} 天";
    PlanDay0Customer => "Send the first response e-mail above.", "发送上面的第一封回复邮件。";
    PlanDay0Internal => "Send the internal briefs; name one owner for the escalation.", "发送内部简报；指定本次升级的唯一负责人。";
    PlanDay1Customer => "First update: what we know, what happens next, when they will hear from us again.", "第一次进展更新：已知情况、下一步行动、下次联系时间。";
    PlanDay1Internal => "Engineering confirms the cause and a fix plan; confirm the severity.", "工程团队确认原因和修复计划；确认严重程度。";
    PlanDay3Customer => "Update with the confirmed plan, or an honest status if it is not confirmed yet.", "更新已确认的计划；如尚未确认，如实说明现状。";
    PlanDay3Internal => "Check progress against what we committed to; adjust the plan.", "对照已承诺的内容检查进展，并调整计划。";
    PlanDay5Customer => "Progress update; offer a call if they want one.", "进展更新；如客户需要，可安排通话。";
    PlanDay5Internal => "If there is still no confirmed fix date, involve leadership.", "如仍没有确认的修复日期，请管理层介入。";
    PlanDay7Customer => "Mid-point review with the customer: what is done, what remains.", "与客户进行中期回顾：已完成的事项和剩余事项。";
    PlanDay7Internal => "Review whether the severity and the people involved are still right.", "复核严重程度和参与人员是否仍然合适。";
    PlanDay10Customer => "Confirm the fix or workaround with the customer and check that it works for them.", "与客户确认修复或临时方案，并确认对客户有效。";
    PlanDay10Internal => "Support verifies the fix in the customer's environment.", "支持团队在客户环境中验证修复效果。";
    PlanDay14Customer => "Closing update: what was done and what changes; ask whether they consider it resolved.", "收尾更新：说明已完成的工作和后续改进，并询问客户是否认为问题已解决。";
    PlanDay14Internal => "Schedule the post-escalation review.", "安排升级后复盘。";
    PlanCadence => "Until the severity is confirmed, keep at least these checkpoints. Once it is confirmed: P1 daily including weekends, P2 every 2 business days, P3 weekly; a P2 or P3 update that falls on a weekend moves to Monday. Add checkpoints, never drop one silently.", "在严重程度确认之前，至少保留以上检查点。确认后：P1 每天更新（含周末），P2 每 2 个工作日一次，P3 每周一次；P2、P3 的更新如遇周末顺延到周一。可以增加检查点，但不要悄悄取消。";
    PlanNotPromiseAllowed => "Promise only what “{label}” says: {can_fix}", "只承诺“{label}”中写明的内容：{can_fix}";
    PlanNotPromiseNothingAllowed => "Nothing has been cleared to promise yet: until “{label}” is filled in, commit only to the time of the next update.", "目前还没有任何可以承诺的内容：在填写“{label}”之前，只承诺下次更新的时间。";
    PlanNotPromiseIntro => "Do not promise:", "不要承诺：";
    PlanNotPromiseCovered => "{item}, beyond exactly what is stated above", "超出上述原文的{item}";
    PlanNoDate => "a fix or release date", "修复或发布日期";
    PlanNoCompensation => "service credits, refunds, discounts or other compensation", "服务抵扣、退款、折扣或其他补偿";
    PlanNoRoadmap => "roadmap items, new features or custom work", "路线图事项、新功能或定制开发";
    PlanNoRootCause => "a root cause before engineering has confirmed it", "工程团队确认之前的根本原因";
    PlanNoContract => "exceptions to the contract, the SLA or pricing", "合同、SLA 或价格方面的例外";
    PlanNoPeople => "that an executive or a specific person will join, before they have agreed", "在对方同意之前，承诺某位高管或特定人员会参与";
    PlanNoRecurrence => "that this will never happen again", "此类问题绝不会再次发生";

    // LLM connection
    ProviderOpenAiCompatible => "OpenAI or compatible (OpenRouter, Ollama, LM Studio, vLLM…)", "OpenAI 或兼容接口（OpenRouter、Ollama、LM Studio、vLLM 等）";
    ProviderAzureOpenAi => "Azure OpenAI", "Azure OpenAI（微软）";
    ProviderAnthropic => "Anthropic (Claude)", "Anthropic（Claude）";
    ProviderGemini => "Google Gemini", "Google Gemini（谷歌）";
    LlmErrUnauthorized => "The AI service refused the API key: it is missing, wrong, expired, or not allowed to use this model. Check the key in Settings.", "AI 服务拒绝了该 API 密钥：密钥缺失、错误、已过期，或无权使用此模型。请在“设置”中检查密钥。";
    LlmErrNotFound => "The AI service does not know this address, model or deployment. Check the base URL and the model name in Settings.", "AI 服务找不到该地址、模型或部署。请在“设置”中检查基础 URL 和模型名称。";
    LlmErrRateLimited => "The AI service is receiving too many requests from this key. Wait a moment, then try again.", "该密钥的请求过于频繁，AI 服务暂时拒绝。请稍等片刻后重试。";
    LlmErrRateLimitedWait => "The AI service is receiving too many requests from this key. Try again in {seconds} s.", "该密钥的请求过于频繁，AI 服务暂时拒绝。请在 {seconds} 秒后重试。";
    LlmErrQuota => "This API key has no credit or quota left. Check billing with the provider, or use another key.", "该 API 密钥的额度或余额已用完。请到服务商处检查账单，或换用其他密钥。";
    LlmErrOverloaded => "The AI service is overloaded right now. Try again in a minute.", "AI 服务当前过载，请一分钟后重试。";
    LlmErrServer => "The AI service had an internal error (HTTP {status}). Try again in a moment.", "AI 服务内部出错（HTTP {status}）。请稍后重试。";
    LlmErrServerInStream => "The AI service stopped the answer with an error. Try again in a moment.", "AI 服务在回答过程中出错中止。请稍后重试。";
    LlmErrRejected => "The AI service refused the request (HTTP {status}).", "AI 服务拒绝了此请求（HTTP {status}）。";
    LlmErrRejectedInStream => "The AI service refused the request.", "AI 服务拒绝了此请求。";
    LlmErrBlocked => "The AI service's safety filter blocked this request ({reason}). Rephrase or remove sensitive content and try again.", "AI 服务的安全过滤拦截了此请求（{reason}）。请修改措辞或删除敏感内容后重试。";
    LlmErrUnreachable => "Casebook could not reach the AI service, or the service refused requests from this page (CORS).", "Casebook 无法连接到 AI 服务，或该服务拒绝了来自此页面的请求（CORS）。";
    LlmErrMalformedStream => "The AI service sent an answer Casebook cannot read. Check that the provider type in Settings matches the service.", "AI 服务返回的内容无法解析。请检查“设置”中的服务类型是否与该服务一致。";
    LlmErrDropped => "The connection was lost while the answer was arriving. The text so far is kept; try again.", "接收回答时连接中断。已收到的内容已保留，请重试。";
    LlmErrTruncated => "The answer stopped before the AI service said it was complete, so it may be cut off. Try again.", "回答在 AI 服务确认完成前就中断了，内容可能不完整。请重试。";
    LlmProviderSaid => "The service said: “{detail}”", "服务返回：“{detail}”";
    LlmHintOllama => "For Ollama, allow this page: set OLLAMA_ORIGINS to this page's address before starting ollama serve, and check that Ollama is running.", "如使用 Ollama，请允许此页面：在启动 ollama serve 之前将 OLLAMA_ORIGINS 设置为此页面的地址，并确认 Ollama 正在运行。";
    LlmHintLmStudio => "For LM Studio, turn on “Enable CORS” in the server settings (or start it with lms server start --cors) and check that the server is running.", "如使用 LM Studio，请在服务器设置中打开“Enable CORS”（或用 lms server start --cors 启动），并确认服务器正在运行。";
    LlmHintLocalServer => "Check that the local server is running and that its CORS setting allows this page.", "请确认本地服务器正在运行，且其 CORS 设置允许此页面访问。";
    LlmHintPlainHttp => "Browsers block plain http:// addresses on other computers from a secure page; use an https:// address.", "浏览器会阻止安全页面访问其他计算机上的 http:// 地址，请改用 https:// 地址。";
    LlmHintPublicHost => "Check the base URL and your network connection.", "请检查基础 URL 和网络连接。";
    LlmErrBadBaseUrl => "Enter a full base URL starting with https:// (or http:// for this computer), without ?, # or a user name.", "请输入以 https:// 开头的完整基础 URL（本机服务可用 http://），不要包含 ?、# 或用户名。";
    LlmErrNoModel => "Enter the model name, or load the list of models.", "请输入模型名称，或加载模型列表。";
    LlmErrNoApiKey => "This provider needs an API key. Enter it in Settings.", "此服务需要 API 密钥，请在“设置”中填写。";
    LlmErrBadApiKey => "The API key contains spaces or characters an API key cannot have. Paste it again.", "API 密钥中包含空格或不允许的字符，请重新粘贴。";
    LlmErrAzureResource => "Enter the Azure resource name (e.g. contoso) or its endpoint URL from the Azure portal.", "请输入 Azure 资源名称（例如 contoso）或 Azure 门户中显示的终结点 URL。";
    LlmErrAzureDeployment => "Enter the name of the Azure deployment to use.", "请输入要使用的 Azure 部署名称。";
    LlmErrTemperature => "The temperature must be between 0 and 2.", "温度必须在 0 到 2 之间。";
    LlmErrTemperatureAnthropic => "Anthropic accepts a temperature between 0 and 1.", "Anthropic 仅接受 0 到 1 之间的温度。";
    LlmErrMaxTokens => "The output token limit must be at least 1.", "输出 token 上限至少为 1。";
    LlmErrModelList => "The service answered, but not with a list of models. Check the base URL and the provider type.", "服务有响应，但返回的不是模型列表。请检查基础 URL 和服务类型。";
    LlmNoModelListAzure => "Azure OpenAI cannot list deployments from the browser; type the deployment name instead.", "Azure OpenAI 无法在浏览器中列出部署，请直接输入部署名称。";
    LlmFinishedMaxTokens => "The answer was cut off at the output token limit. Raise the limit in Settings or ask for a shorter answer.", "回答在达到输出 token 上限时被截断。请在“设置”中调高上限，或要求更简短的回答。";
    LlmFinishedFiltered => "The provider's content filter stopped this answer.", "服务商的内容过滤中止了此回答。";
    // AI connections (Settings)
    ConnectionsTitle => "AI connections", "AI 连接";
    ConnectionsExplanation => "Drafts can be written by a model you choose, called directly from this page with your own key. Without a connection, the built-in drafter writes every draft from your records.", "草稿可以由你选择的模型撰写：本页面直接用你自己的密钥调用。没有连接时，内置草稿生成器会根据你的记录撰写每份草稿。";
    NoConnections => "No AI connection yet: drafts use the built-in drafter.", "尚未配置 AI 连接：草稿将使用内置草稿生成器。";
    AddConnection => "Add connection", "添加连接";
    EditConnection => "Edit connection", "编辑连接";
    MakeDefault => "Make default", "设为默认";
    DefaultBadge => "Default", "默认";
    ListModels => "List models", "列出模型";
    TestConnection => "Test connection", "测试连接";
    Testing => "Testing…", "正在测试…";
    ConnectionWorks => "Connected: the model answered in {ms} ms.", "连接成功：模型在 {ms} 毫秒内作答。";
    ModelsFound => "{n} models found; pick one in the list.", "找到 {n} 个模型，请在列表中选择。";
    ConfirmDeleteConnection => "Delete the connection “{name}”? Its key is removed from this browser.", "确定删除连接“{name}”吗？其密钥将从本浏览器中删除。";
    ConnectionSaved => "Connection saved.", "连接已保存。";
    FieldConnectionName => "Name", "名称";
    FieldPreset => "Provider", "服务提供方";
    FieldBaseUrl => "Base URL", "基础 URL";
    HelpBaseUrl => "Filled in by the provider choice; change it for a proxy or another port.", "根据服务提供方自动填写；使用代理或其他端口时可修改。";
    FieldAzureResource => "Azure resource", "Azure 资源";
    FieldAzureDeployment => "Azure deployment", "Azure 部署名称";
    FieldAzureApiVersion => "Azure API version", "Azure API 版本";
    HelpAzureOnly => "Azure OpenAI only.", "仅用于 Azure OpenAI。";
    FieldApiKey => "API key", "API 密钥";
    HelpApiKey => "Sent only to the base URL above, never elsewhere. Local servers usually need none.", "只会发送到上面的基础 URL，不会发往其他地方。本地服务通常不需要密钥。";
    FieldKeyStorage => "Keep the key", "密钥保存方式";
    KeyInBrowser => "In this browser", "保存在本浏览器";
    KeyInSession => "For this session only (not stored)", "仅本次会话（不保存）";
    FieldModel => "Model", "模型";
    FieldTemperature => "Temperature", "温度";
    HelpTemperature => "0 to 2; empty uses the provider's default.", "0 到 2；留空则使用服务默认值。";
    FieldMaxOutputTokens => "Max output tokens", "最大输出 token 数";
    FieldContextWindow => "Context window (tokens)", "上下文窗口（token）";
    HelpContextWindow => "Used to split large inputs into chunks that fit.", "用于把大量输入拆分成模型能容纳的分块。";
    ErrContextWindow => "Use at least 1,024 tokens.", "至少需要 1,024 个 token。";
    PresetOpenAi => "OpenAI", "OpenAI";
    PresetAzureOpenAi => "Azure OpenAI", "Azure OpenAI";
    PresetOpenRouter => "OpenRouter", "OpenRouter";
    PresetOllama => "Ollama (local)", "Ollama（本地）";
    PresetLmStudio => "LM Studio (local)", "LM Studio（本地）";
    PresetLlamaCpp => "llama.cpp / vLLM (local)", "llama.cpp / vLLM（本地）";
    PresetAnthropic => "Anthropic", "Anthropic";
    PresetGemini => "Google Gemini", "Google Gemini";
    PresetCustom => "Other OpenAI-compatible server", "其他 OpenAI 兼容服务";
    PresetHelpOpenAi => "Create a key at platform.openai.com under API keys.", "在 platform.openai.com 的 API keys 页面创建密钥。";
    PresetHelpAzure => "Use the resource name and deployment from the Azure portal, and the resource's key.", "填写 Azure 门户中的资源名称、部署名称和该资源的密钥。";
    PresetHelpOpenRouter => "Create a key at openrouter.ai; model ids look like openai/gpt-4o-mini.", "在 openrouter.ai 创建密钥；模型 ID 形如 openai/gpt-4o-mini。";
    PresetHelpOllama => "Start Ollama with OLLAMA_ORIGINS set to this page's address (for example OLLAMA_ORIGINS=https://your.host) so the browser may call it.", "启动 Ollama 时把 OLLAMA_ORIGINS 设为本页面地址（例如 OLLAMA_ORIGINS=https://your.host），浏览器才能调用它。";
    PresetHelpLmStudio => "In LM Studio's Developer tab start the server and switch on “Enable CORS”.", "在 LM Studio 的 Developer 页启动服务器并打开“Enable CORS”。";
    PresetHelpLlamaCpp => "Start the server on this port; vLLM listens on 8000 by default. Both allow browser calls unless configured otherwise.", "在此端口启动服务；vLLM 默认端口为 8000。除非另行配置，两者都允许浏览器调用。";
    PresetHelpAnthropic => "Create a key at console.anthropic.com. Calls go straight from this page to Anthropic.", "在 console.anthropic.com 创建密钥。请求会从本页面直接发往 Anthropic。";
    PresetHelpGemini => "Create a key in Google AI Studio (aistudio.google.com).", "在 Google AI Studio（aistudio.google.com）创建密钥。";
    PresetHelpCustom => "Any server with an OpenAI-compatible /v1/chat/completions endpoint that allows browser (CORS) requests.", "任何提供 OpenAI 兼容 /v1/chat/completions 接口、并允许浏览器（CORS）请求的服务。";
    // Drafts
    Stopped => "Stopped.", "已停止。";
    DraftStreaming => "Writing…", "正在撰写…";
    DraftComplete => "Complete", "已完成";
    DraftStopped => "Stopped (partial)", "已停止（不完整）";
    DraftInterrupted => "Interrupted (partial)", "已中断（不完整）";
    DraftFailed => "Failed (partial)", "失败（不完整）";
    DraftEdited => "Edited", "已编辑";
    GuidedPrompts => "Guided prompts", "引导式提示";
    BackToRecord => "Back to the record", "返回记录";
    DraftTitle => "Draft", "草稿";
    WriteWith => "Write with", "撰写方式";
    BuiltInDrafter => "Built-in drafter (no AI)", "内置草稿生成器（不使用 AI）";
    OutputLanguage => "Output language", "输出语言";
    Generate => "Generate", "生成";
    Regenerate => "Regenerate", "重新生成";
    Stop => "Stop", "停止";
    RetryingIn => "Rate limited by the provider; trying again in {seconds} s.", "服务商限流；将在 {seconds} 秒后重试。";
    TokenUsage => "{input} tokens in, {output} out", "输入 {input} token，输出 {output} token";
    Elapsed => "{seconds} s", "{seconds} 秒";
    CopyMarkdown => "Copy as Markdown", "复制为 Markdown";
    CopyRichText => "Copy as rich text", "复制为富文本";
    DownloadMarkdown => "Download .md", "下载 .md";
    EditDraft => "Edit", "编辑";
    DoneEditing => "Done editing", "完成编辑";
    DraftHistory => "Earlier drafts", "历史草稿";
    Copied => "Copied.", "已复制。";
    CopyFailed => "The browser did not allow this. Select the text and copy it instead.", "浏览器不允许此操作。请选中文本后手动复制。";
    // == Escalation plan (domain: stakeholders, timeline, agendas, calendar, event log) ==
    // (keys for the escalation plan go above this line)

    // == Escalation prompts 2-5 ==
    // (keys for the escalation prompts go above this line)

    // == Feedback loop ==
    FbErrTier => "Unknown tier; use Strategic, Enterprise, Mid-market or SMB.", "无法识别的客户等级；请使用战略、企业、中型或中小客户。";
    FbErrCsvRow => "This row could not be read as CSV.", "此行无法按 CSV 格式读取。";
    FbErrNotMapped => "Choose the column that holds this field.", "请选择包含此字段的列。";
    FbErrNoRows => "The file has no data rows.", "文件中没有数据行。";
    FbSkewPromoters => "Leans promoter", "偏向推荐者";
    FbSkewPassives => "Leans passive", "偏向被动者";
    FbSkewDetractors => "Leans detractor", "偏向批评者";
    FbSkewMixed => "Mixed", "无明显偏向";
    FbOverdueAck => "Not acknowledged within 48 h", "48 小时内未确认";
    FbOverdueProduct => "No product answer after 30 days", "转交产品超过 30 天未获答复";
    FbCommitNotRouted => "Not routed to product yet", "尚未转交产品";
    FbCommitAwaiting => "Waiting on product", "等待产品答复";
    FbCommitAnswered => "Product answered, no decision yet", "产品已答复，尚未决定";
    FbCommitPlanned => "Planned", "已列入计划";
    FbCommitShipped => "Shipped: tell the customer", "已发布：待告知客户";
    FbCommitDeclined => "Declined: explain to the customer", "已拒绝：待向客户说明";
    FbAgeWeek => "Up to 7 days", "7 天以内";
    FbAgeMonth => "8–30 days", "8–30 天";
    FbAgeQuarter => "31–90 days", "31–90 天";
    FbAgeOlder => "Over 90 days", "超过 90 天";
    FbErrWindowTooSmall => "The model's context window is too small for these verbatims; choose a model with a larger one.", "模型的上下文窗口太小，放不下这些客户原话；请选择上下文窗口更大的模型。";
    FbErrNoJson => "The answer has no JSON block with themes. Try again.", "回答中没有包含主题的 JSON 块，请重试。";
    FbErrBadJson => "The answer's JSON block could not be read. Try again.", "无法读取回答中的 JSON 块，请重试。";
    FbErrThemeShape => "Each theme in the answer needs a name and a list of item ids.", "回答中的每个主题都需要名称和反馈编号列表。";
    FbErrNoThemes => "The answer lists no themes.", "回答中没有列出任何主题。";
    FbErrUnknownIds => "The answer names items that were not sent: {ids}.", "回答中引用了未发送的反馈编号：{ids}。";
    FbThemeOther => "Other", "其他";
    FbKeywordThemeDesc => "Verbatims that mention \"{term}\".", "提到“{term}”的客户原话。";
    // (keys for the feedback loop go above this line)

    // == Onboarding ==
    // (keys for onboarding go above this line)
}
