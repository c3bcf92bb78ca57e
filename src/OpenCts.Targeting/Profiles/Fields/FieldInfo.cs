using System.Linq.Expressions;

namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>One field the profile language can read.</summary>
/// <param name="Path">The name as analysts write it, relative to the consignment or to the item of a collection.</param>
/// <param name="Type">Its type in the language.</param>
/// <param name="Description">What it is, for the catalogue an analyst reads.</param>
/// <param name="Accessor">A lambda (root, <c>EvaluationContext</c>) returning the run-time form of <paramref name="Type"/>.</param>
/// <param name="Values">For a coded field, the values it can take (a literal outside them is an error).</param>
public sealed record FieldInfo(string Path, ProfileType Type, string Description, LambdaExpression Accessor, IReadOnlyList<string>? Values = null);

/// <summary>A collection of a consignment that <c>any</c>, <c>all</c> and <c>count</c> range over.</summary>
/// <param name="Name">The name as written: <c>goods</c>.</param>
/// <param name="ItemType">The CLR type of an item.</param>
/// <param name="Description">What an item is.</param>
/// <param name="Items">A lambda (consignment) returning the <c>ValueList</c> of items.</param>
/// <param name="Fields">The fields of one item, by path; the empty path is the item itself.</param>
public sealed record CollectionInfo(string Name, Type ItemType, string Description, LambdaExpression Items, IReadOnlyDictionary<string, FieldInfo> Fields);
