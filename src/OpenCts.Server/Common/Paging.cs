namespace OpenCts.Server.Common;

/// <summary>Checks the <c>page</c> and <c>pageSize</c> of a list request.</summary>
internal static class Paging
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;

    /// <exception cref="OpenCts.Domain.Common.DomainException">A value is out of range; the parameter is named.</exception>
    public static (int Page, int PageSize) Of(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1)
        {
            throw new OpenCts.Domain.Common.DomainException("page", $"{p} must be 1 or more");
        }
        if (size is < 1 or > MaxPageSize)
        {
            throw new OpenCts.Domain.Common.DomainException("pageSize", $"{size} must be from 1 to {MaxPageSize}");
        }
        return (p, size);
    }

    public static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items, int page, int pageSize) => [.. items.Skip((page - 1) * pageSize).Take(pageSize)];
}
