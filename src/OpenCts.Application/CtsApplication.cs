using OpenCts.Application.Commerce;
using OpenCts.Application.Alerts;
using OpenCts.Application.Assessing;
using OpenCts.Application.CrossBorder;
using OpenCts.Application.Audit;
using OpenCts.Application.Consignments;
using OpenCts.Application.Decisions;
using OpenCts.Application.Engine;
using OpenCts.Application.Examinations;
using OpenCts.Application.Filing;
using OpenCts.Application.Intake;
using OpenCts.Application.Lists;
using OpenCts.Application.Model;
using OpenCts.Application.Privacy;
using OpenCts.Application.Profiles;
using OpenCts.Application.Referrals;
using OpenCts.Application.Reports;
using OpenCts.Application.Selection;
using OpenCts.Application.Users;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage;
using OpenCts.Targeting.Assessment;

namespace OpenCts.Application;

/// <summary>The application core: every operation a host performs, over one store and one targeting engine.</summary>
/// <remarks>
/// The CLI, the server and the workers each open a store (SQLite by default), build one of these over it, and call
/// its operations; none of them decides anything itself. The engine is shared and swapped whenever an operation
/// changes what it is built from (profiles, lists, the register, the model).
/// </remarks>
public sealed class CtsApplication
{
    /// <param name="store">The open store.</param>
    /// <param name="settings">How consignments are scored and laned; the defaults without it.</param>
    /// <param name="formats">The message formats the intake reads; all of them without it.</param>
    /// <param name="queue">Where the intake sends stored messages for workers to assess; null when this process assesses them itself.</param>
    public CtsApplication(ICtsStore store, AssessmentSettings? settings = null, MessageFormats? formats = null, IAssessmentQueue? queue = null)
    {
        Store = store;
        Queue = queue;
        Engines = new TargetingEngineHost(store, settings ?? AssessmentSettings.Default);
        Intake = new MessageIntake(store, formats ?? MessageFormats.All, queue);
        Commerce = new CommerceHost(store);
        Assessment = new AssessmentRun(store, Engines, Commerce);
        Examinations = new ExaminationImport(store, Commerce);
        Lists = new ListLoading(store, Engines);
        AllowList = new AllowListReview(store, Engines);
        Profiles = new ProfileLifecycle(store, Engines);
        Backtests = new ProfileBacktest(store, Engines, Commerce);
        Training = new ModelTraining(store, Engines);
        Exports = new ExportAttachment(store);
        Bundles = new BundleLoading(this);
        Users = new UserAccounts(store);
        Referrals = new ReferralDesk(store);
        Callbacks = new Callbacks(store);
        Webhooks = new WebhookDispatch(store);
        Examiners = new ExaminerAssignment(store);
        Offices = new OfficeCapacity(store);
        Subscriptions = new AlertSubscriptions(store);
        Filing = new FilingLinks(store);
        Decisions = new ConsignmentDecisions(store, Referrals, Examiners);
        ExaminationResults = new ExaminationRecording(store, Commerce);
        PlatformOrders = new PlatformOrderIntake(store);
        Consignments = new ConsignmentQueries(store);
        Worklist = new Worklist(store);
        Related = new RelatedConsignments(store);
        OpenExaminations = new OpenExaminations(store);
        Messages = new MessageHistory(store);
        Reports = new ProfileEffectiveness(store);
        Dashboard = new OperationsReports(store);
        Audit = new AuditTrail(store);
        Entities = new EntityDecisions(store, Commerce, Audit);
        PersonalData = new PersonalData(store, Audit);
        Alerts = new AlertFeed(store.Clock);
        AssessAndAlert = new AlertingAssessment(Assessment, Alerts);
    }

    public ICtsStore Store { get; }

    /// <summary>Where stored messages go to be assessed by workers; null when this process assesses them (the embedded default).</summary>
    public IAssessmentQueue? Queue { get; }

    /// <summary>The targeting engine in force, rebuilt when what it is made of changes.</summary>
    public TargetingEngineHost Engines { get; }

    /// <summary>The e-commerce indicators: entities, reference values, the description classifier, the IPR register.</summary>
    public CommerceHost Commerce { get; }

    /// <summary>Entities for officers and analysts, and their merges and splits.</summary>
    public EntityDecisions Entities { get; }

    /// <summary>Order records from e-commerce platforms.</summary>
    public PlatformOrderIntake PlatformOrders { get; }

    /// <summary>Receiving messages: recognise, parse, store with their ledger leaves.</summary>
    public MessageIntake Intake { get; }

    /// <summary>Assessing what is pending, with the model's batch selection, saved journaled.</summary>
    public AssessmentRun Assessment { get; }

    /// <summary>Examination results fed back.</summary>
    public ExaminationImport Examinations { get; }

    /// <summary>Watch lists, reference lists, trusted traders and the allow-list.</summary>
    public ListLoading Lists { get; }

    /// <summary>Allow-listing false positives: an officer asks, a supervisor decides.</summary>
    public AllowListReview AllowList { get; }

    /// <summary>Risk profiles from draft to retirement.</summary>
    public ProfileLifecycle Profiles { get; }

    /// <summary>Profiles tried over the stored history.</summary>
    public ProfileBacktest Backtests { get; }

    /// <summary>The risk model trained on examination results and put in force.</summary>
    public ModelTraining Training { get; }

    /// <summary>Exporting administrations' records of shipments, checked and compared.</summary>
    public ExportAttachment Exports { get; }

    /// <summary>Bundle folders laid out like <c>samples/</c>.</summary>
    public BundleLoading Bundles { get; }

    /// <summary>User accounts, their credentials and sign-in.</summary>
    public UserAccounts Users { get; }

    /// <summary>Referrals back to the filer and their answers.</summary>
    public ReferralDesk Referrals { get; }

    /// <summary>Filers' callback URLs.</summary>
    public Callbacks Callbacks { get; }

    /// <summary>The signed webhooks of the outbox, delivered with back-off.</summary>
    public WebhookDispatch Webhooks { get; }

    /// <summary>Examinations assigned to examiners by workload.</summary>
    public ExaminerAssignment Examiners { get; }

    /// <summary>Offices' examination capacity and lane shares.</summary>
    public OfficeCapacity Offices { get; }

    /// <summary>Who is told of which alerts.</summary>
    public AlertSubscriptions Subscriptions { get; }

    /// <summary>House and master filings on the filing clock.</summary>
    public FilingLinks Filing { get; }

    /// <summary>Officers' decisions on consignments.</summary>
    public ConsignmentDecisions Decisions { get; }

    /// <summary>One examination result at a time, as an examiner reports it.</summary>
    public ExaminationRecording ExaminationResults { get; }

    /// <summary>Assessed consignments for officers to read.</summary>
    public ConsignmentQueries Consignments { get; }

    /// <summary>The targeter's worklist: red (and yellow) consignments, soonest arrival first.</summary>
    public Worklist Worklist { get; }

    /// <summary>Consignments that share a party, a container or an address with another.</summary>
    public RelatedConsignments Related { get; }

    /// <summary>Examinations ordered and not yet reported.</summary>
    public OpenExaminations OpenExaminations { get; }

    /// <summary>Received messages read back by sender and status.</summary>
    public MessageHistory Messages { get; }

    /// <summary>How profiles perform.</summary>
    public ProfileEffectiveness Reports { get; }

    /// <summary>Volumes, hit rates by threat and the model's precision over time, for the dashboard.</summary>
    public OperationsReports Dashboard { get; }

    /// <summary>Who did what, when.</summary>
    public AuditTrail Audit { get; }

    /// <summary>Personal data: audited reads, masking and unmasking, retention.</summary>
    public PersonalData PersonalData { get; }

    /// <summary>New red-lane assessments, for whoever watches.</summary>
    public AlertFeed Alerts { get; }

    /// <summary>Assessing what is pending and alerting on the red lane, as a host does after intake.</summary>
    public AlertingAssessment AssessAndAlert { get; }
}
