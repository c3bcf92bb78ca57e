using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Domain.Decisions;
using OpenCts.Storage.Messages;
using OpenCts.Server.Alerts;
using OpenCts.Server.Auth;
using OpenCts.Server.Health;
using OpenCts.Server.Messages;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages.Messages;

/// <summary>A submitter's page: send a message (pasted or a file) through the same intake as <c>POST /api/v1/messages</c>, and read back its messages with their status and the referrals on their documents.</summary>
[Authorize(Policy = Policies.SubmitMessages)]
[RequestSizeLimit(MessagesApi.MaxBodyBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MessagesApi.MaxBodyBytes + 64 * 1024, ValueLengthLimit = MessagesApi.MaxBodyBytes)]
public sealed class IndexModel(CtsApplication application, IntakeSignal signal, ServerMetrics metrics) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Page<ReceivedRecord> Messages { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>What the officers asked of each document of the listed messages, oldest first; never the lane, score or notes.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Decision>> Referrals { get; private set; } = new Dictionary<string, IReadOnlyList<Decision>>();

    /// <summary>The receipt of the message just sent.</summary>
    public StoredMessage? Receipt { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync(string? text, IFormFile? file)
    {
        var cancellationToken = HttpContext.RequestAborted;
        byte[] body;
        string source;
        if (file is { Length: > 0 })
        {
            if (file.Length > MessagesApi.MaxBodyBytes)
            {
                Error = $"A message may hold at most {MessagesApi.MaxBodyBytes} bytes.";
                await LoadAsync().ConfigureAwait(false);
                return Page();
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            body = buffer.ToArray();
            source = Path.GetFileName(file.FileName);
        }
        else if (!string.IsNullOrWhiteSpace(text))
        {
            body = System.Text.Encoding.UTF8.GetBytes(text);
            source = "web form";
        }
        else
        {
            Error = "Paste a message or choose a file.";
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }
        var received = await application.Intake.ReceiveAsync(body, source, WebUser.NameOf(User), cancellationToken).ConfigureAwait(false);
        if (received.Any(r => r.Stored.Outcome == MessageOutcome.Stored))
        {
            signal.Raise();
        }
        foreach (var message in received)
        {
            metrics.Message(message.Stored.Status);
        }
        Receipt = received.Count == 0 ? null : (received.FirstOrDefault(r => r.Stored.Outcome != MessageOutcome.Rejected) ?? received[0]).Stored;
        if (Receipt is null)
        {
            Error = "Nothing in it was recognised as a message.";
        }
        PageNumber = 1;
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Messages = await application.Messages.ListAsync(WebUser.NameOf(User), null, Math.Max(1, PageNumber), PageSize, cancellationToken).ConfigureAwait(false);
        var referrals = new Dictionary<string, IReadOnlyList<Decision>>(StringComparer.Ordinal);
        foreach (var (key, _) in Messages.Items.SelectMany(m => m.Versions))
        {
            if (!referrals.ContainsKey(key))
            {
                referrals[key] = await application.Decisions.OfAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
        Referrals = referrals;
    }
}
