namespace OpenCts.Commerce.Tests;

public sealed class CommerceProjectTests
{
    [Fact]
    public void The_commerce_engine_references_no_OpenCts_project_but_the_domain()
    {
        var commerce = System.Reflection.Assembly.Load("OpenCts.Commerce");
        var ours = commerce.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("OpenCts.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["OpenCts.Domain"], ours);
    }
}
