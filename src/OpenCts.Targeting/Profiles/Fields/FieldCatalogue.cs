using System.Linq.Expressions;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Filing;
using OpenCts.Domain.Values;
using OpenCts.Targeting.Profiles.Compilation;
using static OpenCts.Targeting.Profiles.Fields.FieldAccess;

namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>Every field of a <see cref="Consignment"/> the profile language can read, with its type and meaning.</summary>
/// <remarks>
/// Parties are read by role (<c>consignor.country</c>, <c>consignee.eori</c>); collections (<c>goods</c>,
/// <c>equipment</c>, <c>parties</c>, <c>route</c>) are read item by item inside <c>any</c>, <c>all</c> or <c>count</c>.
/// Derived fields (<c>goods.valuePerKg</c>, <c>daysToArrival</c>, <c>goods.hs4</c>) are computed when read.
/// </remarks>
public static class FieldCatalogue
{
    private static readonly string[] Directions = Enum.GetNames<Direction>();
    private static readonly string[] Modes = Enum.GetNames<TransportMode>();
    private static readonly string[] Kinds = Enum.GetNames<TransportDocumentKind>();
    private static readonly string[] Roles = Enum.GetNames<PartyRole>();

    /// <summary>The fields read from the consignment itself, by path.</summary>
    public static IReadOnlyDictionary<string, FieldInfo> Fields { get; }

    /// <summary>The collections quantifiers range over, by name.</summary>
    public static IReadOnlyDictionary<string, CollectionInfo> Collections { get; }

    static FieldCatalogue()
    {
        var partyFields = PartyFields();
        var fields = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        void Add<T>(string path, ProfileType type, string description, Expression<Func<Consignment, EvaluationContext, T>> get, string[]? values = null) =>
            fields.Add(path, new FieldInfo(path, type, description, get, values));

        Add("document.number", ProfileType.Text, "The transport document number.", (c, x) => c.Document.Number);
        Add("document.kind", ProfileType.Text, "The kind of document: OceanBillOfLading, MasterAirWaybill, PostalItem...", (c, x) => EnumText<TransportDocumentKind>.Of(c.Document.Kind), Kinds);
        Add("document.masterNumber", ProfileType.Text, "For a house document, the master document it is consolidated under.", (c, x) => c.Document.MasterNumber);
        Add("direction", ProfileType.Text, "Import, Export, Transit or Transshipment.", (c, x) => EnumText<Direction>.Of(c.Direction), Directions);
        Add("mode", ProfileType.Text, "Mode of transport at the border: Sea, Air, Road, Rail, Postal...", (c, x) => EnumText<TransportMode>.Of(c.Mode), Modes);
        Add("carrier.name", ProfileType.Text, "The carrier's name.", (c, x) => c.Carrier == null ? null : c.Carrier.Name);
        Add("carrier.code", ProfileType.Text, "The carrier's SCAC or IATA code.", (c, x) => c.Carrier == null ? null : c.Carrier.Code);
        Add("conveyance.imo", ProfileType.Text, "The vessel's IMO number (7 digits).", (c, x) => c.Conveyance == null || c.Conveyance.Imo == null ? null : c.Conveyance.Imo.Value.Value);
        Add("conveyance.vessel", ProfileType.Text, "The vessel's name.", (c, x) => c.Conveyance == null ? null : c.Conveyance.VesselName);
        Add("conveyance.voyage", ProfileType.Text, "The voyage number.", (c, x) => c.Conveyance == null ? null : c.Conveyance.Voyage);
        Add("conveyance.flight", ProfileType.Text, "The flight number, such as LH8160.", (c, x) => c.Conveyance == null ? null : c.Conveyance.FlightNumber);
        Add("conveyance.vehicle", ProfileType.Text, "The road vehicle's registration.", (c, x) => c.Conveyance == null ? null : c.Conveyance.VehicleRegistration);
        Add("placeOfLoading", ProfileType.Text, "UN/LOCODE of the place of loading.", (c, x) => c.PlaceOfLoading == null ? null : c.PlaceOfLoading.Value.Value);
        Add("placeOfLoading.country", ProfileType.Text, "Country of the place of loading.", (c, x) => CountryOf(c.PlaceOfLoading));
        Add("placeOfDischarge", ProfileType.Text, "UN/LOCODE of the place of discharge.", (c, x) => c.PlaceOfDischarge == null ? null : c.PlaceOfDischarge.Value.Value);
        Add("placeOfDischarge.country", ProfileType.Text, "Country of the place of discharge.", (c, x) => CountryOf(c.PlaceOfDischarge));
        Add("finalDestination", ProfileType.Text, "UN/LOCODE of the final destination.", (c, x) => c.FinalDestination == null ? null : c.FinalDestination.Value.Value);
        Add("finalDestination.country", ProfileType.Text, "Country of the final destination.", (c, x) => CountryOf(c.FinalDestination));
        Add("route", ProfileType.TextList, "Countries the goods pass through, in order (use with in, contains or any route:).", (c, x) => c.Route);
        Add("departure", ProfileType.Date, "When the goods left the place of loading.", (c, x) => Seconds(c.Departure));
        Add("estimatedArrival", ProfileType.Date, "When the goods are expected at the border.", (c, x) => Seconds(c.EstimatedArrival));
        Add("daysToArrival", ProfileType.Number, "Days from now to the estimated arrival (negative once arrived).", (c, x) => Days(x.NowSeconds, Seconds(c.EstimatedArrival)));
        Add("transitDays", ProfileType.Number, "Days from departure to estimated arrival.", (c, x) => Days(Seconds(c.Departure), Seconds(c.EstimatedArrival)));
        Add("totalGrossMass", ProfileType.Number, "Sum of the goods items' gross mass in kg.", (c, x) => TotalGrossMass(c));
        Add("totalValue", ProfileType.Number, "Sum of the goods items' declared values (in their currencies).", (c, x) => TotalValue(c));
        Add("goodsCount", ProfileType.Number, "Number of goods items.", (c, x) => (double)c.Goods.Count);
        Add("containerCount", ProfileType.Number, "Number of containers.", (c, x) => (double)c.Equipment.Count);
        Add("dataQuality.count", ProfileType.Number, "Number of data-quality findings: faults in the content as sent, such as an unknown HS code (see also dataQuality.has(\"goods.hsCode\")).", (c, x) => (double)c.DataQuality.Count);
        // The filing clock (EU ICS2, Canada PACT): docs/filing.md gives the deadline of each mode.
        Add("filing.hoursBeforeLoading", ProfileType.Number, "Hours from the receipt of the filing to loading (the departure); negative when filed after loading.", (c, x) => FilingClock.HoursBeforeLoading(c));
        Add("filing.late", ProfileType.Boolean, "Whether the filing was received after its deadline: sea 24 h before loading; air before loading, and 4 h before arrival for long-haul; road 1 h and rail 2 h before arrival.", (c, x) => FilingClock.IsLate(c));
        Add("filing.counterpartMissing", ProfileType.Boolean, "Whether the house filing's master, or a consolidation's house filings, were not filed by the deadline (found when assessing).", (c, x) => FilingClock.CounterpartMissing(c));
        Add("sender", ProfileType.Text, "Who sent the message (carrier, forwarder, postal operator).", (c, x) => c.Provenance == null ? null : c.Provenance.Sender);

        // The exporting administration's record of the same shipment, when one was attached (cts export attach).
        Add("export.attached", ProfileType.Boolean, "Whether an export record of the shipment was attached.", (c, x) => c.Export != null);
        Add("export.verified", ProfileType.Boolean, "Whether the export record's proof verified against the exporting administration's key and witnesses.", (c, x) => c.Export != null && c.Export.Verified);
        Add("export.valueDifference", ProfileType.Number, "Import value minus export value, relative to the export value (-0.6: 60 % lower on import).", (c, x) => c.Export == null || c.Export.ValueDifference == null ? double.NaN : c.Export.ValueDifference.Value);
        Add("export.massDifference", ProfileType.Number, "Import gross mass minus export gross mass, relative to the export mass.", (c, x) => c.Export == null || c.Export.MassDifference == null ? double.NaN : c.Export.MassDifference.Value);
        Add("export.packagesDifference", ProfileType.Number, "Import packages minus export packages.", (c, x) => c.Export == null ? double.NaN : (double)c.Export.PackagesDifference);
        Add("export.hsMismatch", ProfileType.Boolean, "Whether the HS subheadings differ between export and import.", (c, x) => c.Export != null && c.Export.HsMismatch);
        Add("export.partyMismatch", ProfileType.Boolean, "Whether consignor or consignee differ between export and import.", (c, x) => c.Export != null && c.Export.PartyMismatch);
        Add("export.administration", ProfileType.Text, "The exporting administration's log name.", (c, x) => c.Export == null ? null : c.Export.Administration);

        foreach (var (role, name) in new[] { (PartyRole.Consignor, "consignor"), (PartyRole.Consignee, "consignee"), (PartyRole.NotifyParty, "notify"), (PartyRole.Declarant, "declarant"), (PartyRole.Seller, "seller"), (PartyRole.Buyer, "buyer") })
        {
            Expression<Func<Consignment, EvaluationContext, Party?>> party = (c, x) => c.PartyIn(role);
            fields.Add(name, new FieldInfo(name, ProfileType.Party, $"The {name} (for screen()).", party));
            foreach (var (path, field) in partyFields)
            {
                if (path.Length == 0)
                {
                    continue;
                }
                var body = ParameterReplacer.Inline(field.Accessor, party.Body, party.Parameters[1]);
                fields.Add($"{name}.{path}", field with { Path = $"{name}.{path}", Description = $"The {name}'s {field.Description}", Accessor = Expression.Lambda(body, party.Parameters) });
            }
        }
        AddEntityFields(fields);
        Fields = fields;

        Collections = new Dictionary<string, CollectionInfo>(StringComparer.Ordinal)
        {
            ["goods"] = new("goods", typeof(GoodsItem), "A goods item.", (Expression<Func<Consignment, Domain.Common.ValueList<GoodsItem>>>)(c => c.Goods), GoodsFields()),
            ["equipment"] = new("equipment", typeof(Equipment), "A container.", (Expression<Func<Consignment, Domain.Common.ValueList<Equipment>>>)(c => c.Equipment), EquipmentFields()),
            ["parties"] = new("parties", typeof(Party), "A party in any role.", (Expression<Func<Consignment, Domain.Common.ValueList<Party>>>)(c => c.Parties), partyFields),
            ["route"] = new("route", typeof(CountryCode), "A country of the route.", (Expression<Func<Consignment, Domain.Common.ValueList<CountryCode>>>)(c => c.Route), RouteFields()),
        };
    }

    private static Dictionary<string, FieldInfo> GoodsFields()
    {
        var fields = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        void Add<T>(string path, ProfileType type, string description, Expression<Func<GoodsItem, EvaluationContext, T>> get) =>
            fields.Add(path, new FieldInfo(path, type, description, get));
        Add("sequence", ProfileType.Number, "The item number on the document, from 1.", (g, x) => (double)g.Sequence);
        Add("hs", ProfileType.Text, "The HS code as declared (6 to 10 digits).", (g, x) => Hs(g.HsCode));
        Add("hs2", ProfileType.Text, "The HS chapter (2 digits).", (g, x) => HsPrefix(g.HsCode, 2));
        Add("hs4", ProfileType.Text, "The HS heading (4 digits).", (g, x) => HsPrefix(g.HsCode, 4));
        Add("hs6", ProfileType.Text, "The HS subheading (6 digits).", (g, x) => HsPrefix(g.HsCode, 6));
        Add("description", ProfileType.Text, "The description of the goods.", (g, x) => g.Description);
        Add("descriptionVague", ProfileType.Boolean, "Whether the description names no goods, such as GIFT, PARTS or SAID TO CONTAIN.", (g, x) => g.DescriptionVague);
        Add("packages", ProfileType.Number, "The number of packages.", (g, x) => (double)g.Packages);
        Add("packageType", ProfileType.Text, "UN/ECE Rec. 21 package code, such as CT or PK.", (g, x) => g.PackageType);
        Add("grossMass", ProfileType.Number, "Gross mass in kg.", (g, x) => (double)g.GrossMassKg);
        Add("netMass", ProfileType.Number, "Net mass in kg.", (g, x) => Number(g.NetMassKg));
        Add("value", ProfileType.Number, "Declared value, in its currency.", (g, x) => g.Value == null ? double.NaN : (double)g.Value.Value.Amount);
        Add("currency", ProfileType.Text, "Currency of the value (ISO 4217).", (g, x) => g.Value == null ? null : g.Value.Value.Currency.Value);
        Add("valuePerKg", ProfileType.Number, "Declared value per kg of gross mass.", (g, x) => ValuePerKg(g));
        Add("origin", ProfileType.Text, "Country of origin.", (g, x) => g.Origin == null ? null : g.Origin.Value.Value);
        // The e-commerce indicators (docs/ecommerce.md): computed from history and outside data before assessment.
        Add("valuePercentile", ProfileType.Number, "Where the declared unit value falls among past unit values of the same HS6 and origin, 0 to 100 (missing without enough history).", (g, x) => g.Commerce == null ? double.NaN : g.Commerce.ValuePercentile);
        Add("revenueAtRisk", ProfileType.Number, "Duty and VAT in the national currency that would be due at the reference value but are not at the declared one.", (g, x) => g.Commerce == null ? double.NaN : g.Commerce.RevenueAtRisk);
        Add("platformPrice", ProfileType.Number, "What the buyer paid on the e-commerce platform, in the national currency (missing without a platform order).", (g, x) => g.Commerce == null ? double.NaN : g.Commerce.PlatformPrice);
        Add("declaredToPaidRatio", ProfileType.Number, "Declared value over the price paid on the platform (0.1: declared at a tenth).", (g, x) => g.Commerce == null ? double.NaN : g.Commerce.DeclaredToPaidRatio);
        Add("predictedHs4", ProfileType.Text, "The HS heading the goods description reads as, by the classifier trained on the nomenclature and history.", (g, x) => g.Commerce == null ? null : g.Commerce.PredictedHs4);
        Add("hsAgreement", ProfileType.Number, "How well the declared HS code agrees with the description, 0 to 1.", (g, x) => g.Commerce == null ? double.NaN : g.Commerce.HsAgreement);
        Add("iprBrand", ProfileType.Text, "The protected brand the description names, look-alike spellings included.", (g, x) => g.Commerce == null ? null : g.Commerce.IprBrand);
        Add("iprSuspect", ProfileType.Boolean, "Whether that brand is declared below its price floor, or from an origin or manufacturer it has not authorised.", (g, x) => g.Commerce != null && g.Commerce.IprSuspect);
        return fields;
    }

    /// <summary>The e-commerce indicators of consignor, consignee and notify party: their entity across all consignments (docs/ecommerce.md).</summary>
    private static void AddEntityFields(Dictionary<string, FieldInfo> fields)
    {
        foreach (var (name, facts) in new (string, Expression<Func<Consignment, EvaluationContext, EntityFacts?>>)[]
        {
            ("consignor", (c, x) => c.Commerce == null ? null : c.Commerce.Consignor),
            ("consignee", (c, x) => c.Commerce == null ? null : c.Commerce.Consignee),
            ("notify", (c, x) => c.Commerce == null ? null : c.Commerce.Notify),
        })
        {
            void Add<T>(string path, ProfileType type, string description, Expression<Func<EntityFacts?, T>> get)
            {
                var body = ParameterReplacer.Inline(get, facts.Body);
                fields.Add($"{name}.{path}", new FieldInfo($"{name}.{path}", type, $"The {name}'s {description}", Expression.Lambda(body, facts.Parameters)));
            }
            Add("entity.id", ProfileType.Text, "entity: the one person or firm its records were linked to across names, addresses, phones, e-mails and identifiers.", f => f == null ? null : f.EntityId);
            Add("entity.firstSeenDays", ProfileType.Number, "days since the entity's first consignment (0 when this is its first).", f => f == null ? double.NaN : f.FirstSeenDays);
            Add("entity.consignments", ProfileType.Number, "consignments linked to the entity, this one included.", f => f == null ? double.NaN : (double)f.Consignments);
            Add("entity.examined", ProfileType.Number, "entity's consignments that were examined.", f => f == null ? double.NaN : (double)f.Examined);
            Add("entity.seizures", ProfileType.Number, "entity's examinations that found something.", f => f == null ? double.NaN : (double)f.Seizures);
            Add("entity.nameVariants", ProfileType.Number, "distinct names the entity has used.", f => f == null ? double.NaN : (double)f.NameVariants);
            Add("entity.parcels30d", ProfileType.Number, "entity's consignments over the 30 days that end at this one, this one included (over the entity, not the exact name).", f => f == null ? double.NaN : (double)f.Parcels30d);
            Add("entity.value30d", ProfileType.Number, "entity's declared value over those 30 days, in the national currency.", f => f == null ? double.NaN : f.Value30d);
            Add("address.parcels30d", ProfileType.Number, "address: consignments to or from it over the 30 days that end at this one, whoever is named.", f => f == null ? double.NaN : (double)f.AddressParcels30d);
        }
    }

    private static Dictionary<string, FieldInfo> EquipmentFields()
    {
        var fields = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        void Add<T>(string path, ProfileType type, string description, Expression<Func<Equipment, EvaluationContext, T>> get) =>
            fields.Add(path, new FieldInfo(path, type, description, get));
        Add("container", ProfileType.Text, "The ISO 6346 container number.", (e, x) => e.ContainerNumber.Value);
        Add("ownerCode", ProfileType.Text, "The container owner's three-letter code.", (e, x) => TextCache.Prefix(e.ContainerNumber.Value, 3));
        Add("sizeType", ProfileType.Text, "ISO 6346 size and type code, such as 45G1.", (e, x) => e.SizeType);
        Add("seals", ProfileType.Number, "How many seals are recorded.", (e, x) => (double)e.Seals.Count);
        return fields;
    }

    private static Dictionary<string, FieldInfo> RouteFields()
    {
        Expression<Func<CountryCode, EvaluationContext, string>> self = (c, x) => c.Value;
        return new(StringComparer.Ordinal) { [""] = new FieldInfo("", ProfileType.Text, "The country.", self) };
    }

    private static Dictionary<string, FieldInfo> PartyFields()
    {
        var fields = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        void Add<T>(string path, ProfileType type, string description, Expression<Func<Party?, EvaluationContext, T>> get, string[]? values = null) =>
            fields.Add(path, new FieldInfo(path, type, description, get, values));
        Add("", ProfileType.Party, "the party itself (for screen()).", (p, x) => p);
        Add("name", ProfileType.Text, "name.", (p, x) => p == null ? null : p.Name);
        Add("role", ProfileType.Text, "role: Consignor, Consignee, NotifyParty, Declarant, Seller...", (p, x) => p == null ? null : EnumText<PartyRole>.Of(p.Role), Roles);
        Add("country", ProfileType.Text, "country.", (p, x) => p == null || p.Country == null ? null : p.Country.Value.Value);
        Add("address", ProfileType.Text, "address on one line.", (p, x) => Address(p));
        Add("street", ProfileType.Text, "street.", (p, x) => p == null || p.Address == null ? null : p.Address.Street);
        Add("city", ProfileType.Text, "city.", (p, x) => p == null || p.Address == null ? null : p.Address.City);
        Add("postcode", ProfileType.Text, "postcode.", (p, x) => p == null || p.Address == null ? null : p.Address.Postcode);
        Add("eori", ProfileType.Text, "EORI number.", (p, x) => Identifier(p, "EORI"));
        Add("tin", ProfileType.Text, "tax identification number.", (p, x) => Identifier(p, "TIN"));
        Add("aeo", ProfileType.Text, "AEO certificate number.", (p, x) => Identifier(p, "AEO"));
        Add("email", ProfileType.Text, "e-mail address.", (p, x) => p == null ? null : p.Email);
        Add("phone", ProfileType.Text, "phone number.", (p, x) => p == null ? null : p.Phone);
        return fields;
    }
}
