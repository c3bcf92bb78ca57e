using System.ComponentModel;
using OpenCts.Application.Users;
using OpenCts.Cli.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Users;

/// <summary>Registers <c>cts users add|list|disable|reset</c>.</summary>
internal static class UsersCommands
{
    public static void AddUsersCommands(this IConfigurator config)
    {
        config.AddBranch("users", users =>
        {
            users.SetDescription("Manage the users of the server and their credentials.");
            users.AddCommand<AddUserCommand>("add").WithDescription("Create a user; prints its one-time password, or with --api-key its API key, once.")
                .WithExample("users", "add", "postnl", "--role", "submitter", "--api-key");
            users.AddCommand<ListUsersCommand>("list").WithDescription("List the users, their roles and credentials (never the secrets).");
            users.AddCommand<DisableUserCommand>("disable").WithDescription("Disable a user: it can no longer sign in or call the API.");
            users.AddCommand<ResetUserCommand>("reset").WithDescription("Issue a new password or API key (printed once) and enable the user.");
        });
    }

    /// <summary>The name the CLI records as the actor of a change: the operating-system user at the console.</summary>
    internal static string Actor => "cli:" + Environment.UserName;

    internal static void PrintSecret(IssuedCredential issued)
    {
        var kind = issued.Account.ApiKeyId is null ? "one-time password" : "API key";
        AnsiConsole.MarkupLineInterpolated($"user [bold]{issued.Account.Name}[/] ({issued.Account.Role}); its {kind}, shown only now:");
        // The secret alone on its own line, unstyled, so a script can take it.
        Console.WriteLine(issued.Secret);
    }
}

internal class UserNameSettings : SharedStoreSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The user's name.")]
    public string Name { get; init; } = "";
}

internal sealed class AddUserCommand : AsyncCommand<AddUserCommand.Settings>
{
    public sealed class Settings : UserNameSettings
    {
        [CommandOption("--role <ROLE>")]
        [Description("analyst, targeter, supervisor, examiner, submitter, auditor or admin.")]
        public string Role { get; init; } = "";

        [CommandOption("--api-key")]
        [Description("Give the user an API key (for machine clients) instead of a password.")]
        public bool ApiKey { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await Workspace.OpenSharedAsync(settings, existing: false, cancellationToken);
        var application = Workspace.Application(store);
        try
        {
            UsersCommands.PrintSecret(await application.Users.AddAsync(settings.Name, settings.Role, settings.ApiKey, UsersCommands.Actor, cancellationToken));
            return 0;
        }
        catch (Exception exception) when (exception is Domain.Common.DomainException or UserAccountException)
        {
            Output.Error(exception.Message);
            return 2;
        }
    }
}

internal sealed class ListUsersCommand : AsyncCommand<SharedStoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SharedStoreSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await Workspace.OpenSharedAsync(settings, existing: true, cancellationToken);
        var application = Workspace.Application(store);
        var table = new Table().AddColumns("name", "role", "credential", "state", "changed by", "changed at");
        foreach (var user in await application.Users.ListAsync(cancellationToken))
        {
            table.AddRow(
                Markup.Escape(user.Name),
                user.Role,
                user.PasswordHash is not null ? "password" : user.ApiKeyId is not null ? "api-key " + user.ApiKeyId : "none",
                user.Disabled ? "[red]disabled[/]" : "enabled",
                Markup.Escape(user.ChangedBy),
                user.ChangedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}

internal sealed class DisableUserCommand : AsyncCommand<UserNameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserNameSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await Workspace.OpenSharedAsync(settings, existing: true, cancellationToken);
        var application = Workspace.Application(store);
        try
        {
            await application.Users.DisableAsync(settings.Name, UsersCommands.Actor, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"user [bold]{settings.Name}[/] is disabled");
            return 0;
        }
        catch (UserAccountException exception)
        {
            Output.Error(exception.Message);
            return 2;
        }
    }
}

internal sealed class ResetUserCommand : AsyncCommand<UserNameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserNameSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await Workspace.OpenSharedAsync(settings, existing: true, cancellationToken);
        var application = Workspace.Application(store);
        try
        {
            UsersCommands.PrintSecret(await application.Users.ResetAsync(settings.Name, UsersCommands.Actor, cancellationToken));
            return 0;
        }
        catch (UserAccountException exception)
        {
            Output.Error(exception.Message);
            return 2;
        }
    }
}
