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
}
