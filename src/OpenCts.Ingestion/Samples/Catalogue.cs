using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.Samples;

/// <summary>A kind of goods the generator ships: its HS code, words for it, and what it usually weighs and costs.</summary>
internal sealed record Commodity(string Hs, string Description, double UsdPerKgLow, double UsdPerKgHigh, double KgLow, double KgHigh, string PackageType, string[] Origins);

/// <summary>A port or airport with its real UN/LOCODE.</summary>
internal sealed record Place(string Locode, string Name);

/// <summary>A carrier with the codes it uses on documents.</summary>
internal sealed record CarrierInfo(string Name, string Code, string Prefix, TransportMode Mode);

/// <summary>The fixed reference tables the sample generator draws from; all codes are real.</summary>
internal static class Catalogue
{
    public static readonly Commodity[] SeaGoods =
    [
        new("080390", "Fresh bananas, Cavendish", 0.6, 1.1, 8000, 22000, "CT", ["EC", "CO", "CR", "PA", "GT"]),
        new("080440", "Fresh avocados Hass", 1.8, 3.2, 9000, 20000, "CT", ["PE", "CL", "MX", "KE", "ZA"]),
        new("090111", "Green coffee beans, not roasted", 2.5, 6.0, 15000, 21000, "BG", ["BR", "CO", "VN", "ET", "HN"]),
        new("180100", "Cocoa beans, raw", 2.0, 4.5, 18000, 24000, "BG", ["CI", "GH", "EC", "CM"]),
        new("847130", "Portable laptop computers", 250, 600, 2000, 9000, "CT", ["CN", "TW", "VN"]),
        new("851713", "Smartphones", 800, 2500, 1500, 7000, "CT", ["CN", "VN", "IN"]),
        new("850440", "Static converters, power supplies", 25, 60, 4000, 14000, "CT", ["CN", "VN", "MY"]),
        new("940171", "Upholstered seats with metal frames", 4, 9, 3000, 9000, "PK", ["CN", "VN", "PL"]),
        new("640399", "Footwear with leather uppers", 25, 60, 3000, 8000, "CT", ["CN", "VN", "ID", "IN"]),
        new("610910", "T-shirts of cotton, knitted", 12, 30, 3000, 9000, "CT", ["BD", "CN", "IN", "TR", "PK"]),
        new("620342", "Men's trousers of cotton", 15, 35, 3000, 9000, "CT", ["BD", "CN", "PK", "VN"]),
        new("870323", "Passenger cars, spark ignition 1500-3000 cc", 9, 20, 1200, 2500, "VN", ["JP", "KR", "DE", "US"]),
        new("870899", "Parts and accessories of motor vehicles", 6, 15, 5000, 18000, "PK", ["CN", "DE", "JP", "MX"]),
        new("392690", "Articles of plastics, n.e.s.", 3, 8, 4000, 15000, "CT", ["CN", "VN", "TH"]),
        new("721049", "Flat-rolled steel, zinc coated", 0.7, 1.2, 18000, 26000, "CO", ["CN", "KR", "IN", "TR"]),
        new("440711", "Coniferous wood of pine sawn lengthwise", 0.3, 0.8, 15000, 24000, "BE", ["RU", "BR", "CL", "FI"]),
        new("030617", "Frozen shrimps and prawns", 6, 14, 15000, 24000, "CT", ["EC", "IN", "VN", "BD"]),
        new("200911", "Frozen orange juice", 1.5, 3.0, 18000, 24000, "DR", ["BR", "MX", "US"]),
        new("392010", "Plates and film of polymers of ethylene", 1.5, 3.0, 10000, 20000, "RO", ["CN", "KR", "SA"]),
        new("950300", "Toys, puzzles and models", 6, 15, 3000, 9000, "CT", ["CN", "VN"]),
        new("940542", "LED luminaires and lighting fittings", 8, 20, 3000, 9000, "CT", ["CN"]),
        new("732393", "Table and kitchen articles of stainless steel", 5, 12, 4000, 12000, "CT", ["CN", "IN", "TR"]),
        new("848180", "Taps, cocks and valves", 10, 25, 3000, 10000, "CT", ["CN", "IT", "DE"]),
        new("401110", "New pneumatic tyres for cars", 3, 6, 8000, 16000, "PK", ["CN", "TH", "KR", "JP"]),
        new("271019", "Lubricating oils", 1.0, 2.5, 15000, 22000, "DR", ["SG", "AE", "US"]),
    ];

    public static readonly Commodity[] AirGoods =
    [
        new("851713", "Smartphones", 900, 3000, 100, 1500, "CT", ["CN", "VN", "KR"]),
        new("847130", "Laptop computers", 300, 700, 100, 1200, "CT", ["CN", "TW"]),
        new("854231", "Integrated circuits, processors and controllers", 2000, 20000, 10, 300, "CT", ["TW", "KR", "MY", "US"]),
        new("901839", "Medical needles and catheters", 60, 200, 50, 600, "CT", ["US", "IE", "MX", "CN"]),
        new("300490", "Medicaments in measured doses", 80, 600, 50, 800, "CT", ["IN", "CH", "US", "DE"]),
        new("060311", "Fresh cut roses", 4, 9, 500, 4000, "BX", ["KE", "EC", "CO", "ET"]),
        new("030214", "Fresh Atlantic salmon", 8, 14, 1000, 8000, "BX", ["NO", "CL", "GB"]),
        new("710239", "Diamonds, non-industrial, worked", 500000, 2000000, 0.1, 3, "PK", ["IN", "BE", "IL", "AE"]),
        new("910211", "Wrist-watches, electrically operated", 200, 2000, 10, 200, "CT", ["CH", "CN", "HK"]),
        new("420221", "Handbags with outer surface of leather", 150, 900, 20, 400, "CT", ["IT", "FR", "CN"]),
        new("880730", "Parts of aeroplanes", 150, 900, 50, 2000, "CS", ["US", "FR", "GB", "DE"]),
        new("902789", "Instruments for physical or chemical analysis", 400, 2000, 20, 500, "CS", ["US", "DE", "JP"]),
    ];

    public static readonly Commodity[] ParcelGoods =
    [
        new("851830", "Headphones and earphones", 60, 200, 0.2, 2, "PK", ["CN", "HK"]),
        new("610910", "T-shirt, cotton", 15, 40, 0.2, 1.5, "PK", ["CN", "TR", "BD"]),
        new("640411", "Sports footwear, textile uppers", 30, 90, 0.8, 3, "PK", ["CN", "VN"]),
        new("950300", "Toy, plastic", 8, 25, 0.3, 3, "PK", ["CN"]),
        new("330499", "Beauty and skin care preparations", 40, 150, 0.2, 2, "PK", ["KR", "FR", "CN"]),
        new("851762", "Wireless router", 40, 120, 0.3, 2, "PK", ["CN", "TW"]),
        new("711719", "Imitation jewellery", 30, 200, 0.05, 0.5, "PK", ["CN", "IN"]),
        new("420292", "Travel bag of textile", 15, 40, 0.5, 3, "PK", ["CN", "VN"]),
        new("490199", "Printed books", 8, 20, 0.3, 3, "PK", ["GB", "US", "DE"]),
        new("392490", "Household articles of plastics", 5, 15, 0.2, 3, "PK", ["CN"]),
        new("850760", "Lithium-ion batteries", 20, 60, 0.2, 2, "PK", ["CN"]),
        new("210690", "Food supplements", 25, 90, 0.2, 2, "PK", ["US", "CN", "IN"]),
    ];

    public static readonly Place[] SeaPortsOfLoading =
    [
        new("CNSHA", "Shanghai"), new("CNNGB", "Ningbo"), new("CNSZX", "Shenzhen"), new("CNTAO", "Qingdao"), new("HKHKG", "Hong Kong"),
        new("SGSIN", "Singapore"), new("KRPUS", "Busan"), new("TWKHH", "Kaohsiung"), new("VNSGN", "Ho Chi Minh City"), new("MYPKG", "Port Klang"),
        new("INNSA", "Nhava Sheva"), new("BDCGP", "Chittagong"), new("AEJEA", "Jebel Ali"), new("TRMER", "Mersin"), new("USNYC", "New York"),
        new("USSAV", "Savannah"), new("BRSSZ", "Santos"), new("ECGYE", "Guayaquil"), new("COBUN", "Buenaventura"), new("COCTG", "Cartagena"),
        new("PECLL", "Callao"), new("CLSAI", "San Antonio"), new("CRMOB", "Moin"), new("ZADUR", "Durban"), new("GHTEM", "Tema"),
        new("CIABJ", "Abidjan"), new("JPTYO", "Tokyo"), new("PKKHI", "Karachi"), new("IDJKT", "Jakarta"), new("THLCH", "Laem Chabang"),
        new("MXZLO", "Manzanillo"), new("KEMBA", "Mombasa"),
    ];

    public static readonly Place[] TransshipmentPorts =
    [
        new("PABLB", "Balboa"), new("PAMIT", "Manzanillo (Panama)"), new("ESALG", "Algeciras"), new("MAPTM", "Tanger Med"),
        new("MTMAR", "Marsaxlokk"), new("LKCMB", "Colombo"), new("AEJEA", "Jebel Ali"), new("EGPSD", "Port Said"),
    ];

    public static readonly Place[] SeaPortsOfDischarge = [new("NLRTM", "Rotterdam"), new("NLAMS", "Amsterdam"), new("NLVLI", "Vlissingen")];

    public static readonly Place[] Airports =
    [
        new("CNSHA", "Shanghai Pudong"), new("HKHKG", "Hong Kong"), new("CNCAN", "Guangzhou"), new("CNSZX", "Shenzhen"), new("SGSIN", "Singapore"),
        new("AEDXB", "Dubai"), new("QADOH", "Doha"), new("TRIST", "Istanbul"), new("USNYC", "New York"), new("USMIA", "Miami"),
        new("INBOM", "Mumbai"), new("KENBO", "Nairobi"), new("ECUIO", "Quito"), new("COBOG", "Bogota"), new("NOOSL", "Oslo"),
        new("KRSEL", "Seoul"), new("TWTPE", "Taipei"), new("JPTYO", "Tokyo"), new("ETADD", "Addis Ababa"), new("ILTLV", "Tel Aviv"),
    ];

    public static readonly Place[] Destinations = [new("NLRTM", "Rotterdam"), new("NLAMS", "Amsterdam"), new("NLUTC", "Utrecht"), new("NLEIN", "Eindhoven"), new("NLVEN", "Venlo"), new("DEDUS", "Dusseldorf"), new("BEBRU", "Brussels")];

    public static readonly CarrierInfo[] OceanCarriers =
    [
        new("Maersk A/S", "MAEU", "MSK", TransportMode.Sea), new("Mediterranean Shipping Company", "MSCU", "MSC", TransportMode.Sea),
        new("CMA CGM", "CMDU", "CMA", TransportMode.Sea), new("COSCO Shipping Lines", "COSU", "CSN", TransportMode.Sea),
        new("Hapag-Lloyd", "HLCU", "HLX", TransportMode.Sea), new("Ocean Network Express", "ONEY", "ONE", TransportMode.Sea),
        new("Evergreen Marine", "EGLV", "EGH", TransportMode.Sea), new("HMM", "HDMU", "HMM", TransportMode.Sea),
    ];

    public static readonly CarrierInfo[] Airlines =
    [
        new("KLM Cargo", "KL", "074", TransportMode.Air), new("Lufthansa Cargo", "LH", "020", TransportMode.Air),
        new("Emirates SkyCargo", "EK", "176", TransportMode.Air), new("Qatar Airways Cargo", "QR", "157", TransportMode.Air),
        new("Cathay Cargo", "CX", "160", TransportMode.Air), new("Turkish Cargo", "TK", "235", TransportMode.Air),
        new("China Southern Cargo", "CZ", "784", TransportMode.Air), new("Martinair Cargo", "MP", "129", TransportMode.Air),
    ];

    public static readonly CarrierInfo[] ParcelOperators =
    [
        new("PostNL", "PNL", "", TransportMode.Postal), new("DHL Express", "DHL", "", TransportMode.Air),
        new("FedEx Express", "FDX", "", TransportMode.Air), new("UPS", "UPS", "", TransportMode.Air),
    ];

    public static readonly string[] VesselNames =
    [
        "NORDIC AURORA", "PACIFIC HARMONY", "ATLANTIC PIONEER", "EASTERN GRACE", "SILVER HORIZON", "BLUE MERIDIAN", "JADE SPIRIT",
        "CORAL EXPRESS", "GOLDEN TRIDENT", "OCEAN LAUREL", "POLAR STAR", "SOUTHERN CROSS", "IVORY COAST", "AMBER WAVE",
    ];

    public static readonly string[] CompanyWords =
    [
        "Global", "United", "Pacific", "Atlantic", "Golden", "Royal", "Star", "Sun", "Green", "Blue", "Delta", "Apex", "Prime", "Summit",
        "Horizon", "Eastern", "Western", "Northern", "Crystal", "Silver", "Orient", "Harbour", "Evergreen", "Lotus", "Phoenix", "Falcon",
        "Tiger", "Dragon", "Andes", "Sierra", "Coastal", "Metro", "Alpha", "Nova", "Vertex", "Unity", "Liberty", "Fortune", "Jade", "Coral",
    ];

    public static readonly string[] CompanyTrades =
    [
        "Trading", "Imports", "Exports", "Logistics", "Foods", "Fruits", "Electronics", "Textiles", "Industries", "Commodities",
        "Distribution", "Supply", "Holdings", "Manufacturing", "Agro", "Technologies", "Components", "Merchandise", "Fresh Produce", "Garments",
    ];

    public static readonly string[] CompanyForms = ["Ltd", "Co., Ltd", "B.V.", "GmbH", "S.A.", "LLC", "Inc.", "S.A.S.", "Pvt Ltd", "FZE", "Limited", "SRL"];

    public static readonly string[] FirstNames =
    [
        "Anna", "Lucas", "Sophie", "Daan", "Emma", "Noah", "Julia", "Liam", "Mila", "Sem", "Wei", "Li", "Mei", "Chen", "Ravi", "Priya",
        "Carlos", "Maria", "Jose", "Ana", "Ahmed", "Fatima", "Mehmet", "Ayse", "Kwame", "Amara", "Hiroshi", "Yuki", "Olga", "Ivan",
    ];

    public static readonly string[] LastNames =
    [
        "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Wang", "Zhang", "Liu", "Sharma", "Patel", "Garcia", "Rodriguez",
        "Lopez", "Hassan", "Yilmaz", "Kaya", "Mensah", "Tanaka", "Sato", "Petrova", "Novak", "Kowalski", "Silva", "Santos", "Okafor",
    ];

    public static readonly string[] DutchCities = ["Rotterdam", "Amsterdam", "Utrecht", "Eindhoven", "Venlo", "Tilburg", "Breda", "Den Haag", "Almere", "Zwolle"];

    public static readonly string[] Streets = ["Industrieweg", "Havenstraat", "Stationsplein", "Keizersgracht", "Marconistraat", "Europalaan", "Waalhaven Oostzijde", "Kanaalweg", "Transportweg", "Distributieweg"];

    /// <summary>Names of watch-list subjects that the planted watch-list scenario ships to; the sample watch list carries them.</summary>
    public static readonly (string Name, string Country)[] ListedSubjects =
    [
        ("Blue Sky Shipping Trading LLC", "AE"), ("Orient Star General Trading FZE", "AE"), ("Kaveh Industrial Supplies Co", "IR"),
        ("Northern Ridge Metals Ltd", "HK"), ("Petrov Aleksandr Ivanovich", "RU"), ("Golden Crescent Import Export", "TR"),
        ("Sirius Dual Technologies Ltd", "HK"), ("Amir Reza Karimi", "IR"),
    ];
}
