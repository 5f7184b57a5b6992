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
    // Framework
    PromptSeverityFromRules => "**Severity: {severity}**, by the built-in rules from the signals below; confirm it or override it.", "**严重程度：{severity}**，由内置规则根据以下信号判定；请确认或手动调整。";
    PromptSeverityTbc => "to be confirmed", "待确认";
    PromptWithin24h => "within 24 hours", "24 小时内";
    PromptNotRecorded => "not recorded", "未记录";
    PromptFactNextCheckpoint => "Next customer-update checkpoint (local time)", "下一个客户沟通检查点（本地时间）";
    PromptEventReceived => "Escalation received", "收到升级";
    PromptEventStatus => "Status: {from} → {to}", "状态：{from} → {to}";
    PromptHelpTimeline => "One line per event: date and time · what happened. Prefilled from the event log.", "每行一个事件：日期时间 · 发生了什么。已根据事件记录预填。";
    // Example escalation, shared by the five prompts
    PromptExAccount => "Acme Corp", "华东制造";
    PromptExAccountContext => "Strategic · ARR USD 1,200,000 · renews 2027-01-15", "战略客户 · 年经常性收入 CNY 3,000,000 · 2027-02-01 续约";
    PromptExContactName => "Li Wei", "王芳";
    PromptExContactTitle => "CIO", "信息总监";
    PromptExSummary => "Data sync has been down for two days and their month-end close is blocked. The CIO wrote that they will cancel if it is not fixed this week.", "数据同步已中断两天，月末结账受阻。信息总监来信表示，如果本周无法修复将考虑解约。";
    PromptExIssue => "The nightly sync job fails on large tenants (a defect introduced in release 3.2).", "夜间同步任务在大租户上失败（3.2 版本引入的缺陷）。";
    PromptExCanFix => "A hotfix by Friday 18:00; a manual resync of their data today.", "周五 18:00 前发布热修复；今天为其手动重新同步数据。";
    PromptExStakeholders => "Support (Ana), on-call engineering, VP Customer Success", "支持团队（小王）、值班工程师、客户成功副总裁";
    PromptExHistory => "2026-11-21 09:00 · Sync failures start; first ticket opened\n2026-11-22 15:00 · Support escalates to engineering\n2026-11-23 08:15 · The CIO e-mails, threatening to cancel\n2026-11-23 10:00 · Manual resync started", "2026-11-21 09:00 · 同步开始失败，客户提交第一张工单\n2026-11-22 15:00 · 支持团队升级给工程团队\n2026-11-23 08:15 · 信息总监来信威胁解约\n2026-11-23 10:00 · 开始手动重新同步";
    PromptExActions => "Linked the 3 open tickets to the escalation\nEngineering found the failing job and is testing a hotfix\nStarted a manual resync of their data", "将 3 张未关闭工单关联到本次升级\n工程团队已定位失败任务，正在测试热修复\n已开始手动重新同步客户数据";
    // Executive call prep
    ExecTitle => "Executive call prep", "高管升级通话准备";
    ExecIntro => "Prepare a call with the customer's executive who demanded one: agenda, opening, the venting moment, three likely scenarios and a clear close.", "为客户高管要求的升级通话做准备：议程、开场、对方发泄时的应对、三个可能场景以及明确的收尾。";
    ExecTask => "Prepare me for an executive escalation call. The customer's executive is angry and has asked for executive involvement.", "帮我准备一次高管升级通话。客户高管很愤怒，并要求高管介入。";
    ExecFieldName => "Executive's name", "高管姓名";
    ExecFieldIssue => "What they are angry about", "对方为何愤怒";
    ExecHelpIssue => "In their words where you can: what happened and what it cost them.", "尽量用对方的原话：发生了什么，给他们造成了什么损失。";
    ExecFieldHistory => "History of the issue", "问题历史";
    ExecFieldActions => "Actions taken so far", "迄今已采取的行动";
    ExecFieldUnresolved => "Still unresolved", "仍未解决的内容";
    ExecFieldCanOffer => "What we can offer", "我们能提供什么";
    ExecHelpCanOffer => "Fix date, credit, workaround, roadmap commitment: only what is already approved.", "修复时间、补偿、变通方法、路线图承诺：只写已获批准的内容。";
    ExecFieldCannotOffer => "What we cannot offer", "我们无法提供什么";
    ExecHelpCannotOffer => "The limits they must hear plainly, e.g. no credit beyond one month.", "需要明确告知对方的限制，例如补偿不超过一个月。";
    ExecRuleAgenda => "Give the agenda as a numbered list with minutes per item, 15 to 30 minutes in total, listening before explaining.", "议程用编号列表给出，每项注明分钟数，总计 15 到 30 分钟，先倾听再解释。";
    ExecRuleScenarios => "Give exactly three scenarios, each under a ### heading with the customer's likely words, followed by the response.", "恰好给出三个场景，每个使用 ### 标题写出客户可能说的话，随后写出应对方式。";
    ExecRuleClose => "Close with the commitments read back, what is not promised, and the time of the next update.", "收尾时复述承诺、说明不承诺的内容，以及下次更新的时间。";
    ExecSectionAgenda => "Call agenda (15–30 min)", "通话议程（15–30 分钟）";
    ExecSectionOpening => "Opening statement", "开场陈述";
    ExecSectionVenting => "Handling the venting moment", "如何应对高管发泄";
    ExecSectionScenarios => "Three scenarios and how to respond", "三个场景及应对方式";
    ExecSectionClosing => "Closing: commitments and next steps", "收尾：明确承诺与下一步";
    ExecAgendaFor => "For a 15–30 minute call with {name} ({title}) of {account}. Severity: {severity}.", "与{account}的{name}（{title}）进行 15–30 分钟的通话。严重程度：{severity}。";
    ExecAgenda1 => "1. **2 min** · Thanks and purpose: listen, give a straight status, agree next steps.", "1. **2 分钟** · 致谢并说明目的：倾听、如实说明现状、商定下一步。";
    ExecAgenda2 => "2. **5–8 min** · They describe the impact in their own words; do not interrupt.", "2. **5–8 分钟** · 请对方用自己的话描述影响；不要打断。";
    ExecAgenda3 => "3. **5 min** · What happened and what we have done so far (below).", "3. **5 分钟** · 发生了什么以及我们迄今做了什么（见下）。";
    ExecAgenda4 => "4. **5–8 min** · What we can offer: {offer}.", "4. **5–8 分钟** · 我们能提供的：{offer}。";
    ExecAgenda5 => "5. **3–5 min** · Commitments: who does what, and the next update ({next}).", "5. **3–5 分钟** · 承诺：谁做什么，以及下次更新（{next}）。";
    ExecOpening => "“{name}, thank you for making time for this call. I am sorry for what {account} has been through. As I understand it: {issue} I want to listen first, then tell you plainly where things stand and agree what happens next.”", "“{name}，感谢您抽出时间。对于{account}所经历的一切，我深表歉意。据我了解：{issue}我想先听您说，然后如实说明目前的情况，并一起商定下一步。”";
    ExecOpeningTip => "Keep it under a minute. Do not explain the cause or defend anyone yet.", "控制在一分钟以内。此时不要解释原因，也不要为任何人辩护。";
    ExecVent1 => "Let them finish. Do not interrupt, correct details or explain the cause while they speak.", "让对方说完。对方讲话时不要打断、纠正细节或解释原因。";
    ExecVent2 => "Acknowledge the impact: “You are right: this has cost {account} far more than it should have.”", "承认影响：“您说得对，这给{account}造成的损失远超应有的程度。”";
    ExecVent3 => "Take ownership without blaming anyone: a team, a partner or the customer.", "承担责任，不指责任何人：无论是团队、合作方还是客户。";
    ExecVent4 => "Summarise what you heard, then ask: “What matters most for you to see by {next}?”", "复述你听到的内容，然后问：“在 {next} 之前，您最希望看到什么？”";
    ExecTeamFallback => "the named owner and the support and engineering leads", "指定的负责人以及支持和工程负责人";
    ExecScenarioDate => "“When will this be fixed? I want a date.”", "“什么时候能修好？我要一个确切日期。”";
    ExecReplyDate => "Give only what is confirmed: {offer}. Anything not confirmed: “I will not guess at a date. You will have a confirmed status from me by {next}.”", "只说已确认的内容：{offer}。尚未确认的：“我不会随意猜测日期。{next} 之前我会给您确认后的进展。”";
    ExecScenarioCancel => "“We want compensation, or we will cancel.”", "“我们要求补偿，否则就解约。”";
    ExecReplyCancel => "Do not negotiate on the call. State what is approved ({offer}) and what is not possible ({cannot}); take anything else to your leadership and promise a written answer by {next}.", "不要在通话中谈判。说明已获批准的内容（{offer}）和无法提供的内容（{cannot}）；其他要求提交给管理层，并承诺在 {next} 之前给出书面答复。";
    ExecScenarioTrust => "“We have lost confidence in your team.”", "“我们已经对你们团队失去信心。”";
    ExecReplyTrust => "Do not argue. Name who now owns the fix ({team}) and offer a short executive check-in at every update until it is resolved.", "不要争辩。说明现在由谁负责修复（{team}），并提出在问题解决前每次更新时都安排简短的高管沟通。";
    ExecCloseIntro => "Close by reading back, in this order:", "收尾时按以下顺序复述：";
    ExecCloseWill => "We will", "我们会做到";
    ExecCloseWillNot => "Not promised", "不承诺";
    ExecCloseNext => "Next update", "下次更新";
    ExecCloseSummary => "Send a written summary of these commitments within 24 hours to everyone on the call.", "24 小时内将这些承诺的书面总结发送给所有与会者。";
    ExecExCannotOffer => "No service credit beyond one month; no date for the sync redesign.", "不能提供超过一个月的服务抵扣；不能给出同步功能重构的日期。";
    // Internal escalation brief
    BriefTitle => "Internal escalation brief", "内部升级简报";
    BriefIntro => "A factual, blame-free brief of at most 300 words for the people who must act.", "写给需要行动的内部人员的简报：只写事实、不指责，不超过 300 字。";
    BriefTask => "Write an internal escalation brief. Keep it factual, not defensive, and free of blame.", "撰写一份内部升级简报。只写事实，不辩解，不使用指责性语言。";
    BriefFieldSharedWith => "Shared with", "共享对象";
    BriefHelpSharedWith => "e.g. VP Customer Success, Support manager, Engineering lead, Legal.", "例如：客户成功副总裁、支持经理、工程负责人、法务。";
    BriefHelpSummary => "What happened, facts only; the brief keeps its first sentence.", "发生了什么，只写事实；简报保留第一句。";
    BriefFieldImpact => "ARR exposure and renewal", "ARR 风险敞口与续约时间";
    BriefFieldRootCause => "Root cause (current understanding)", "根本原因（目前的理解）";
    BriefFieldActions => "Actions so far, in order", "迄今采取的行动（按时间顺序）";
    BriefFieldAsks => "What we need from each stakeholder", "需要各干系人做什么";
    BriefHelpAsks => "One line each: who, what, by when. Left empty, the stakeholders computed for this escalation are used.", "每行一项：谁、做什么、何时完成。留空时使用系统为本次升级计算的干系人。";
    BriefFieldDeadline => "Response deadline", "回复截止时间";
    BriefHelpDeadline => "Left empty, the next customer-update checkpoint is used.", "留空时使用下一个客户沟通检查点。";
    BriefFieldOwner => "Escalation owner", "升级负责人";
    BriefRuleFacts => "Stay within 300 words in total. State facts only; no defensive wording and no blame.", "全文不超过 300 字。只陈述事实，不辩解，不指责。";
    BriefRuleAsks => "Make every ask specific: who, what and by when.", "每项请求都要具体：谁、做什么、何时完成。";
    BriefSectionSharedWith => "Shared with", "共享对象";
    BriefSectionSummary => "Summary", "情况摘要";
    BriefSectionImpact => "Impact and risk", "客户影响与风险";
    BriefSectionRootCause => "Root cause (so far)", "根本原因（目前）";
    BriefSectionActions => "Actions so far", "已采取的行动";
    BriefSectionAsks => "Asks per stakeholder", "对各干系人的请求";
    BriefSectionDeadline => "Response deadline", "回复截止";
    BriefSectionOwner => "Owner", "负责人";
    BriefSummaryFacts => "Classified {severity} by the built-in rules; received {received}.", "内置规则分类为 {severity}；收到时间 {received}。";
    BriefAsksDefault => "- Support: link open tickets, share status and workarounds.\n- Engineering: confirm the cause and a realistic fix date.\n- Leadership: decide whether an executive contacts the customer.", "- 支持团队：关联未关闭工单，同步状态和临时方案。\n- 工程团队：确认原因和切实可行的修复日期。\n- 管理层：决定是否由高管联系客户。";
    BriefExSharedWith => "VP Customer Success, Support manager, Engineering lead", "客户成功副总裁、支持经理、工程负责人";
    BriefExAsks => "VP Customer Success: join a call with the CIO on Wednesday\nSupport manager: daily status to me by 17:00\nEngineering lead: confirm the hotfix date by Tuesday noon", "客户成功副总裁：周三与信息总监通话\n支持经理：每天 17:00 前向我同步进展\n工程负责人：周二中午前确认热修复日期";
    BriefExDeadline => "Tuesday 2026-11-24, 12:00", "2026-11-24（周二）12:00 前";
    BriefExOwner => "Chen Jing (CSM)", "陈静（CSM）";
    // Difficult conversation script
    TalkTitle => "Difficult conversation script", "困难对话脚本";
    TalkIntro => "A script for telling a customer bad news honestly, without over-promising and without losing them.", "如实向客户传达坏消息的脚本：不过度承诺，也不失去客户。";
    TalkTask => "Write a script for a difficult conversation: I have to give a customer bad news.", "为一次困难对话编写脚本：我需要告诉客户一个坏消息。";
    TalkFieldBadNews => "The bad news", "坏消息";
    TalkHelpBadNews => "Say it plainly, e.g. “The bug you reported will not be fixed for 6 weeks.”", "直白地写出来，例如“你们报告的漏洞 6 周内不会修复”。";
    TalkFieldConstraints => "Why: what we cannot change", "原因：我们无法改变的限制";
    TalkHelpConstraints => "The real reason, in words the customer can accept; no blame.", "真实原因，用客户能够接受的措辞；不指责任何人。";
    TalkFieldCanOffer => "What we can offer instead", "我们可以提供的替代方案";
    TalkRuleScript => "Write what the CSM says in quotation marks, with short stage directions between them.", "CSM 要说的话放在引号内，之间可加简短的提示说明。";
    TalkRuleHonest => "Deliver the news early and plainly; offer only the listed alternatives and aim to keep the customer from escalating further or leaving.", "尽早、直白地传达消息；只提供所列的替代方案，目标是防止客户进一步升级或流失。";
    TalkSectionOpening => "Opening", "开场白";
    TalkSectionNews => "Delivering the news", "传达消息";
    TalkSectionReactions => "Handling their reactions", "应对对方的反应";
    TalkSectionAlternatives => "Alternatives to offer", "可以提供的替代方案";
    TalkSectionClose => "Constructive close", "建设性收尾";
    TalkOpening => "“{name}, thank you for making the time. I have an update on the issue you raised. It is not what you were hoping for, and I wanted you to hear it from me directly.”", "“{name}，感谢您抽出时间。关于您提出的问题，我有一个不太理想的进展，想亲自告诉您。”";
    TalkOpeningTip => "Get to the news within the first minute; small talk first makes it worse.", "在第一分钟内进入正题；先寒暄只会让情况更糟。";
    TalkContext => "Context: {account} · {title} · {severity}", "背景：{account} · {title} · {severity}";
    TalkNews => "“I'm afraid the news is not good: {news}.”", "“很抱歉，消息并不好：{news}。”";
    TalkNewsWhy => "“The reason: {reason}. I know this is not what you hoped to hear.”", "“原因是：{reason}。我知道这不是您希望听到的。”";
    TalkNewsNoReason => "Give the real reason in one sentence, without blaming anyone; add it to the form to have it written here.", "用一句话说明真实原因，不指责任何人；在表单中填写后即可写入此处。";
    TalkNewsPause => "Then stop and let them react. Do not soften the news with hopes you cannot back.", "然后停下来，让对方回应。不要用无法兑现的希望去冲淡坏消息。";
    TalkReactAnger => "**Anger:** acknowledge it (“I understand why this is frustrating; you have every right to be.”). Do not defend or blame.", "**愤怒：**先承认（“我理解这让您很沮丧，您有理由这样。”）。不要辩解或指责。";
    TalkReactPush => "**“That is not acceptable”:** restate what is fixed and what is not; do not improvise a new date or offer on the spot.", "**“这无法接受”：**重申哪些已确定、哪些无法改变；不要当场临时给出新日期或新条件。";
    TalkReactThreat => "**A threat to escalate or leave:** take it seriously, say you will bring it to your leadership today, and ask what would change their view.", "**威胁升级或离开：**认真对待，说明你今天会向管理层汇报，并询问什么能改变对方的看法。";
    TalkReactSilence => "**Silence:** ask “What does this mean for your team?” and listen.", "**沉默：**问“这对您的团队意味着什么？”，然后倾听。";
    TalkOfferIntro => "Offer these, one at a time, and ask which helps most:", "逐一提出以下方案，并询问哪个最有帮助：";
    TalkClose1 => "Summarise what you agreed and who does what.", "总结双方达成的共识以及各自的分工。";
    TalkClose2 => "Name the next update: {next}.", "明确下次更新时间：{next}。";
    TalkClose3 => "“{name}, thank you for hearing this from me. I will send you a written summary today.”", "“{name}，感谢您听我说明。我今天会把书面总结发给您。”";
    TalkExBadNews => "The full fix for large tenants will not ship for 6 weeks.", "针对大租户的彻底修复需要 6 周后才能发布。";
    TalkExConstraints => "The sync engine has to be rebuilt; a faster patch would put their data at risk.", "同步引擎需要重构；更快的补丁会给客户数据带来风险。";
    TalkExCanOffer => "A nightly manual resync by our team until the fix ships\nA weekly call with the engineering lead\nOne month of service credit", "在修复发布前由我们每晚手动同步\n每周与工程负责人通话一次\n一个月的服务抵扣";
    // Post-escalation review
    ReviewTitle => "Post-escalation review", "升级后回顾";
    ReviewIntro => "The review of a resolved escalation for the CS leadership team: summary, timeline, lessons and specific process changes.", "供客户成功管理层审阅的已解决升级回顾：摘要、时间线、经验教训和具体的流程改进。";
    ReviewTask => "Write the post-escalation review of an escalation that has just been resolved. The CS leadership team will review it.", "为刚刚解决的升级撰写升级后回顾文档，供客户成功管理层审阅。";
    ReviewFieldTimeline => "Escalation timeline", "升级时间线";
    ReviewFieldRootCause => "Root cause (what actually caused it)", "根本原因（实际起因）";
    ReviewFieldResolution => "Resolution (what was done)", "解决方案（做了什么）";
    ReviewFieldOutcome => "Customer outcome", "客户结果";
    ReviewHelpOutcome => "How the customer responded, and where the relationship stands now.", "客户的反应，以及目前的关系状态。";
    ReviewFieldArr => "ARR kept or lost", "留存或损失的 ARR";
    ReviewHelpArr => "e.g. Kept: USD 1,200,000; renewal still to be signed.", "例如：保留 CNY 1,200,000；续约尚待签署。";
    ReviewRuleTable => "Give the event timeline as a Markdown table (when, what happened), one row per event, in order.", "用 Markdown 表格（时间、发生了什么）给出事件时间线，每个事件一行，按时间顺序。";
    ReviewRuleChanges => "Process changes must be specific (an owner, a trigger, a deadline), never “communicate better”. End with a clear yes, no or possibly on a systemic issue.", "流程改进必须具体（负责人、触发条件、截止时间），不能是“加强沟通”之类。最后明确回答是否存在系统性问题：是、否或可能。";
    ReviewSectionSummary => "Executive summary (3 sentences)", "执行摘要（3 句话）";
    ReviewSectionTimeline => "Event timeline", "事件时间线";
    ReviewSectionWell => "What went well", "做得好的地方";
    ReviewSectionDifferently => "What we should have done differently", "本应做得不同的地方";
    ReviewSectionChanges => "Process changes (specific)", "流程变更建议（具体）";
    ReviewSectionSystemic => "Flag: a systemic issue affecting other accounts?", "标记：是否存在影响其他客户的系统性问题？";
    ReviewSummary1 => "{account} escalated an issue classified {severity}.", "{account}发起的升级已解决，分类为 {severity}。";
    ReviewSummary2 => "It was caused by: {cause}; it was resolved by: {resolution}.", "原因：{cause}；解决方式：{resolution}。";
    ReviewSummary3 => "Customer outcome: {outcome}; ARR: {arr}.", "客户结果：{outcome}；ARR：{arr}。";
    ReviewColEvent => "What happened", "发生了什么";
    ReviewWellResolution => "Resolution delivered: {resolution}.", "已交付的解决方案：{resolution}。";
    ReviewWellOutcome => "Customer outcome: {outcome}.", "客户结果：{outcome}。";
    ReviewWellAdd => "Add what the team did that made the difference (who, what, when); keep only what the timeline supports.", "补充团队起到关键作用的做法（谁、做了什么、何时）；只保留时间线能够支持的内容。";
    ReviewDiffFirstResponse => "First response: it was due by {due}; check the timeline for when it actually went out.", "首次回复：截止时间为 {due}；对照时间线核实实际发出的时间。";
    ReviewDiffCheckpoints => "Customer updates: {n} customer updates were due ({first} to {last}); note any that were missed or late.", "客户沟通：共应进行 {n} 次客户更新（{first} 至 {last}）；记录遗漏或延迟的次数。";
    ReviewDiffDetection => "Detection: was “{cause}” found by us, or first reported by the customer? If by the customer, what check would have caught it earlier?", "发现：“{cause}”是我们发现的，还是客户先报告的？如果是客户先报告，什么检查能更早发现？";
    ReviewDiffPeople => "Involvement: did leadership and engineering join early enough for an escalation classified {severity}?", "参与：对于分类为 {severity} 的升级，管理层和工程团队介入得是否足够早？";
    ReviewChangeCause => "Track the fix of the root cause (“{cause}”) to done, with one Engineering owner and a date.", "跟踪根本原因（“{cause}”）的修复直至完成，指定一名工程负责人和完成日期。";
    ReviewChangeProduct => "Add monitoring and an alert for this failure mode, and a runbook step to tell affected accounts within 1 hour of detection.", "为此类故障增加监控和告警，并在运行手册中规定发现后 1 小时内通知受影响的客户。";
    ReviewChangeContract => "Add a billing check before invoices go out to accounts with non-standard terms, and name a Finance contact for disputes.", "对非标准条款客户在开票前增加账单核对，并指定一名财务联系人处理争议。";
    ReviewChangeCompetitive => "Add competitor mentions to the health score, triggering an executive sponsor call within 5 business days.", "将竞品提及纳入健康度评分，触发后 5 个工作日内安排高管赞助人通话。";
    ReviewChangeRelationship => "Require a handover call with the customer whenever the CSM changes, and a health check 30 days later.", "每次更换 CSM 时必须与客户进行交接通话，并在 30 天后进行一次健康检查。";
    ReviewChangeService => "Alert the CSM when a ticket from a strategic account has had no reply for 1 business day.", "战略客户的工单超过 1 个工作日未回复时提醒 CSM。";
    ReviewChangeOwner => "Give each change one owner and a due date, and check it at the next CS leadership review.", "为每项改进指定一名负责人和截止日期，并在下次客户成功管理层评审时检查。";
    ReviewSystemicYes => "**Possibly yes.** The root cause or resolution mentions “{cue}”, which other accounts may share: list the accounts on the same setup, tell Product and Support, and track it as one problem.", "**可能是。**根本原因或解决方案提到了“{cue}”，其他客户可能同样受影响：列出使用相同配置的客户，通知产品和支持团队，并作为同一个问题统一跟踪。";
    ReviewSystemicNo => "**Not evident from the inputs.** Before closing the review, confirm with Engineering whether the root cause can affect other accounts.", "**从现有信息看不出。**结束回顾前，请与工程团队确认该根本原因是否会影响其他客户。";
    ReviewExResolution => "Hotfix released on Friday; the rebuilt sync engine shipped 6 weeks later.", "周五发布热修复；6 周后发布了重构后的同步引擎。";
    ReviewExOutcome => "The CIO confirmed the fix and agreed to a renewal call in December.", "信息总监确认问题已解决，并同意在 12 月进行续约沟通。";
    ReviewExArr => "Kept: USD 1,200,000; the 2027-01-15 renewal is still to be signed.", "保留：CNY 3,000,000；2027-02-01 的续约尚待签署。";
    // (keys for the escalation prompts go above this line)

    // == Feedback loop ==
    // (keys for the feedback loop go above this line)

    // == Onboarding ==
    // (keys for onboarding go above this line)
}
