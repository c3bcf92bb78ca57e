using System.Text;
using System.Text.Json;
using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.Wco;

/// <summary>Writes consignments as WCO Data Model JSON that <see cref="WcoJsonFormat"/> reads back to the same consignments.</summary>
/// <remarks>The direction is a property of the declaration, so consignments of several directions are written as several declarations.</remarks>
public static class WcoJsonWriter
{
    /// <summary>One declaration per direction, numbered <c>messageId</c>, <c>messageId-2</c> ... when there are several.</summary>
    public static string Write(IEnumerable<Consignment> consignments, string sender, string messageId, DateTimeOffset issuedAt, bool indented = true)
    {
        var groups = consignments.GroupBy(c => c.Direction).ToList();
        return Document(indented, w =>
        {
            if (groups.Count != 1)
            {
                w.WriteStartArray("Declaration");
            }
            else
            {
                w.WritePropertyName("Declaration");
            }
            for (var i = 0; i < groups.Count; i++)
            {
                Declaration(w, i == 0 ? messageId : $"{messageId}-{i + 1}", sender, issuedAt, "9", groups[i].Key, () =>
                {
                    foreach (var c in groups[i])
                    {
                        Consignment(w, c);
                    }
                });
            }
            if (groups.Count != 1)
            {
                w.WriteEndArray();
            }
        });
    }

    /// <summary>A declaration with message function 1 that cancels the documents.</summary>
    public static string WriteCancellation(IEnumerable<TransportDocument> documents, string sender, string messageId, DateTimeOffset issuedAt) =>
        Document(true, w =>
        {
            w.WritePropertyName("Declaration");
            Declaration(w, messageId, sender, issuedAt, "1", Direction.Import, () =>
            {
                foreach (var d in documents)
                {
                    w.WriteStartObject();
                    Document(w, d);
                    w.WriteEndObject();
                }
            });
        });

    private static string Document(bool indented, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("WCODataModelVersion", "4.2.0");
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Declaration(Utf8JsonWriter w, string messageId, string sender, DateTimeOffset issuedAt, string function, Direction direction, Action consignments)
    {
        w.WriteStartObject();
        w.WriteString("FunctionCode", function);
        w.WriteString("FunctionalReferenceID", messageId);
        w.WriteString("IssueDateTime", issuedAt);
        w.WriteString("TypeCode", WcoCodes.CodeOf(direction));
        w.WriteStartObject("Submitter");
        w.WriteString("ID", sender);
        w.WriteEndObject();
        w.WriteStartArray("Consignment");
        consignments();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Document(Utf8JsonWriter w, TransportDocument d)
    {
        w.WriteStartObject("TransportContractDocument");
        w.WriteString("ID", d.Number);
        w.WriteString("TypeCode", WcoCodes.CodeOf(d.Kind));
        w.WriteEndObject();
        if (d.MasterNumber is not null)
        {
            w.WriteStartArray("AssociatedTransportDocument");
            w.WriteStartObject();
            w.WriteString("ID", d.MasterNumber);
            w.WriteString("TypeCode", d.Kind == TransportDocumentKind.HouseAirWaybill ? "741" : "704");
            w.WriteEndObject();
            w.WriteEndArray();
        }
    }

    private static void Consignment(Utf8JsonWriter w, Consignment c)
    {
        w.WriteStartObject();
        Document(w, c.Document);
        if (c.Carrier is { } carrier)
        {
            w.WriteStartObject("Carrier");
            Optional(w, "ID", carrier.Code);
            w.WriteString("Name", carrier.Name);
            w.WriteEndObject();
        }
        w.WriteStartObject("BorderTransportMeans");
        w.WriteNumber("ModeCode", (int)c.Mode);
        if (c.Conveyance is { } v)
        {
            if (v.Imo is { } imo)
            {
                w.WriteString("ID", imo.Value);
                w.WriteString("IdentificationTypeCode", WcoCodes.ImoIdentification);
            }
            else if (v.VehicleRegistration is { } reg)
            {
                w.WriteString("ID", reg);
                w.WriteString("IdentificationTypeCode", WcoCodes.VehicleIdentification);
            }
            Optional(w, "Name", v.VesselName);
            Optional(w, "JourneyID", c.Mode == TransportMode.Air ? v.FlightNumber ?? v.Voyage : v.Voyage ?? v.FlightNumber);
        }
        if (c.Departure is { } departure)
        {
            w.WriteString("DepartureDateTime", departure);
        }
        if (c.EstimatedArrival is { } arrival)
        {
            w.WriteString("ArrivalDateTime", arrival);
        }
        w.WriteEndObject();
        Place(w, "LoadingLocation", c.PlaceOfLoading?.Value);
        Place(w, "UnloadingLocation", c.PlaceOfDischarge?.Value);
        Place(w, "FinalDestinationLocation", c.FinalDestination?.Value);
        if (c.Route.Count > 0)
        {
            w.WriteStartArray("Itinerary");
            for (var i = 0; i < c.Route.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("SequenceNumeric", i + 1);
                w.WriteString("RoutingCountryCode", c.Route[i].Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        // Parties are grouped by class in the order their roles first appear, so the reader keeps that order.
        foreach (var role in c.Parties.Select(p => p.Role).Distinct())
        {
            w.WriteStartArray(WcoCodes.NameOf(role));
            foreach (var p in c.Parties.Where(p => p.Role == role))
            {
                Party(w, p);
            }
            w.WriteEndArray();
        }
        if (c.Equipment.Count > 0)
        {
            w.WriteStartArray("TransportEquipment");
            for (var i = 0; i < c.Equipment.Count; i++)
            {
                var e = c.Equipment[i];
                w.WriteStartObject();
                w.WriteNumber("SequenceNumeric", i + 1);
                w.WriteString("ID", e.ContainerNumber.Value);
                Optional(w, "CharacteristicCode", e.SizeType);
                if (e.Seals.Count > 0)
                {
                    w.WriteStartArray("Seal");
                    foreach (var seal in e.Seals)
                    {
                        w.WriteStartObject();
                        w.WriteString("ID", seal);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("ConsignmentItem");
        foreach (var g in c.Goods)
        {
            Item(w, g);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Party(Utf8JsonWriter w, Party p)
    {
        w.WriteStartObject();
        w.WriteString("Name", p.Name);
        if (p.Identifiers.Count > 0)
        {
            w.WriteStartArray("Identification");
            foreach (var id in p.Identifiers)
            {
                w.WriteStartObject();
                w.WriteString("ID", id.Value);
                w.WriteString("SchemeID", id.Scheme);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        Optional(w, "CountryCode", p.Country?.Value);
        if (p.Address is { } a)
        {
            w.WriteStartObject("Address");
            Optional(w, "Line", a.Street);
            Optional(w, "CityName", a.City);
            Optional(w, "PostcodeID", a.Postcode);
            Optional(w, "CountryCode", a.Country?.Value);
            w.WriteEndObject();
        }
        if (p.Phone is not null || p.Email is not null)
        {
            w.WriteStartArray("Communication");
            Communication(w, p.Phone, "TE");
            Communication(w, p.Email, "EM");
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Communication(Utf8JsonWriter w, string? id, string type)
    {
        if (id is null)
        {
            return;
        }
        w.WriteStartObject();
        w.WriteString("ID", id);
        w.WriteString("TypeCode", type);
        w.WriteEndObject();
    }

    private static void Item(Utf8JsonWriter w, GoodsItem g)
    {
        w.WriteStartObject();
        w.WriteNumber("SequenceNumeric", g.Sequence);
        w.WriteStartObject("Commodity");
        w.WriteString("Description", g.Description);
        if (g.HsCode is { } hs)
        {
            w.WriteStartArray("Classification");
            w.WriteStartObject();
            w.WriteString("ID", hs.Value);
            w.WriteString("IdentificationTypeCode", "HS");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartObject("GoodsMeasure");
        Mass(w, "GrossMassMeasure", g.GrossMassKg);
        if (g.NetMassKg is { } net)
        {
            Mass(w, "NetNetWeightMeasure", net);
        }
        w.WriteEndObject();
        w.WriteStartArray("Packaging");
        w.WriteStartObject();
        w.WriteNumber("QuantityQuantity", g.Packages);
        Optional(w, "TypeCode", g.PackageType);
        w.WriteEndObject();
        w.WriteEndArray();
        if (g.Value is { } value)
        {
            w.WriteStartObject("CustomsValueAmount");
            w.WriteNumber("value", value.Amount);
            w.WriteString("currencyID", value.Currency.Value);
            w.WriteEndObject();
        }
        if (g.Origin is { } origin)
        {
            w.WriteStartObject("Origin");
            w.WriteString("CountryCode", origin.Value);
            w.WriteEndObject();
        }
        if (g.Containers.Count > 0)
        {
            w.WriteStartArray("TransportEquipment");
            foreach (var container in g.Containers)
            {
                w.WriteStartObject();
                w.WriteString("ID", container);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Mass(Utf8JsonWriter w, string name, decimal kg)
    {
        w.WriteStartObject(name);
        w.WriteNumber("value", kg);
        w.WriteString("unitCode", "KGM");
        w.WriteEndObject();
    }

    private static void Place(Utf8JsonWriter w, string name, string? locode)
    {
        if (locode is not null)
        {
            w.WriteStartObject(name);
            w.WriteString("ID", locode);
            w.WriteEndObject();
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
