namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>A kind of goods bought online: its HS subheading, listing titles, and its normal value per kilogram.</summary>
/// <remarks>
/// The value per kilogram of an honest line is drawn log-normally around <see cref="MedianEurPerKg"/> with
/// <see cref="Spread"/> as the standard deviation of its logarithm, so a reference learned from honest lines has a
/// realistic spread and a line at a tenth of it stands out.
/// </remarks>
internal sealed record EcomGoods(string Key, string Hs, string[] Descriptions, double MedianEurPerKg, double Spread, double KgLow, double KgHigh, string[] Origins);

/// <summary>A fictitious protected brand, as the IPR register written for issue #12 lists it.</summary>
/// <param name="Name">The brand as registered.</param>
/// <param name="Goods">The goods it is registered for (its HS heading).</param>
/// <param name="FloorEur">The price below which a genuine item is not sold.</param>
/// <param name="AuthorisedOrigins">Countries the owner manufactures in.</param>
/// <param name="LookAlikes">Spellings counterfeiters use.</param>
/// <param name="Products">Words that follow the brand in a listing title.</param>
internal sealed record EcomBrand(string Name, string Goods, double FloorEur, string[] AuthorisedOrigins, string[] LookAlikes, string[] Products);

/// <summary>The reference tables of the e-commerce generator: goods, brands, names, streets, sellers' places.</summary>
internal static class EcommerceCatalogue
{
    public static readonly EcomGoods[] Goods =
    [
        new("earbuds", "851830", ["Wireless earbuds", "Bluetooth headphones", "TWS earphones with charging case", "Over-ear headphones"], 90, 0.35, 0.1, 0.6, ["CN", "HK", "VN"]),
        new("tshirt", "610910", ["Cotton T-shirt", "T-shirt, 100% cotton", "Printed tee shirt"], 35, 0.3, 0.15, 1.0, ["CN", "BD", "TR"]),
        new("sneakers", "640411", ["Running shoes", "Sports sneakers, textile upper", "Trainers"], 45, 0.35, 0.6, 1.6, ["CN", "VN", "ID"]),
        new("toys", "950300", ["Plastic toy figure", "Building blocks set", "Remote control toy car", "Plush toy"], 18, 0.4, 0.2, 2.0, ["CN"]),
        new("cosmetics", "330499", ["Face cream", "Skin care serum", "Makeup palette"], 80, 0.4, 0.1, 0.8, ["KR", "CN", "FR"]),
        new("phonecase", "392690", ["Phone case, silicone", "Plastic phone holder"], 40, 0.4, 0.05, 0.3, ["CN"]),
        new("jewellery", "711719", ["Fashion necklace", "Imitation jewellery earrings", "Bracelet, base metal"], 120, 0.5, 0.02, 0.3, ["CN", "IN"]),
        new("bag", "420292", ["Travel bag, textile", "Backpack, polyester"], 25, 0.3, 0.4, 1.5, ["CN", "VN"]),
        new("led", "940542", ["LED strip lights", "LED desk lamp"], 30, 0.35, 0.2, 1.5, ["CN"]),
        new("phone", "851713", ["Smartphone 128GB", "Mobile phone, unlocked", "Android smartphone"], 1200, 0.35, 0.2, 0.5, ["CN", "VN"]),
        new("watch", "910211", ["Wrist watch, quartz", "Analogue wrist watch, steel strap"], 400, 0.5, 0.05, 0.3, ["CN", "HK", "CH"]),
        new("handbag", "420221", ["Leather handbag", "Women's handbag, leather"], 250, 0.5, 0.4, 1.5, ["CN", "IT", "FR"]),
        new("perfume", "330300", ["Eau de parfum 100 ml", "Perfume spray"], 150, 0.4, 0.15, 0.5, ["FR", "CN", "AE"]),
        new("supplements", "210690", ["Vitamin supplements", "Protein powder"], 30, 0.35, 0.2, 1.5, ["US", "CN"]),
        new("books", "490199", ["Paperback book", "Printed books"], 15, 0.3, 0.3, 2.0, ["GB", "US"]),
    ];

    /// <summary>Goods cheap enough per parcel for a splitting ring's parcels of 80 to 149 EUR.</summary>
    public static readonly string[] RingGoods = ["earbuds", "tshirt", "sneakers", "toys", "cosmetics", "phonecase", "jewellery", "bag", "led", "perfume", "supplements"];

    /// <summary>What misdescribed lines say and the heading they are declared under instead.</summary>
    public static readonly (string Described, string DeclaredHs)[] Misdescriptions =
    [
        ("earbuds", "610910"), ("phone", "950300"), ("earbuds", "950300"), ("phone", "610910"), ("watch", "392690"),
    ];

    public static readonly EcomBrand[] Brands =
    [
        new("Lumora", "watch", 150, ["CH"], ["Lum0ra", "Lumorra"], ["automatic watch", "chronograph watch", "diver watch"]),
        new("Vantek", "earbuds", 80, ["JP", "US"], ["Vant3k", "Vantek Pro"], ["wireless earbuds", "noise cancelling headphones"]),
        new("Solenne", "handbag", 300, ["FR", "IT"], ["Solene"], ["leather handbag", "shoulder bag, leather"]),
        new("Kairo", "sneakers", 90, ["VN", "ID"], ["Kiaro", "Kairo-style"], ["running sneakers", "sports shoes"]),
        new("Nordhaven", "perfume", 60, ["FR"], ["Nord Haven"], ["eau de parfum 100 ml", "perfume gift set"]),
        new("Zephyra", "phone", 400, ["KR", "VN"], ["Z3phyra"], ["smartphone 256GB", "5G mobile phone"]),
    ];

    /// <summary>Countries counterfeit brand lines are shipped from: none of the brands authorises them.</summary>
    public static readonly string[] CounterfeitOrigins = ["CN", "HK", "TR"];

    /// <summary>Euros per unit of the currencies parcels are declared in: fixed, so the ground truth converts exactly.</summary>
    public static readonly (string Currency, decimal EurPerUnit, double Share)[] Currencies =
    [
        ("EUR", 1m, 0.40), ("USD", 0.92m, 0.25), ("CNY", 0.13m, 0.20), ("GBP", 1.17m, 0.15),
    ];

    public static readonly string[] Platforms = ["ShopNova", "GlobalCart", "DragonBazaar"];

    public static readonly (string Country, double Share, string[] Airports)[] SellerCountries =
    [
        ("CN", 0.50, ["CNSZX", "CNCAN", "CNSHA"]), ("HK", 0.12, ["HKHKG"]), ("TR", 0.06, ["TRIST"]), ("VN", 0.05, ["VNSGN"]),
        ("KR", 0.05, ["KRSEL"]), ("US", 0.06, ["USNYC"]), ("GB", 0.05, ["GBLON"]), ("FR", 0.03, ["FRPAR"]), ("IT", 0.02, ["ITMIL"]),
        ("JP", 0.02, ["JPTYO"]), ("CH", 0.02, ["CHZRH"]), ("ID", 0.02, ["IDJKT"]),
    ];

    public static readonly string[] SellerPlaces = ["Shenzhen", "Guangzhou", "Yiwu", "Hangzhou", "Dongguan", "Ningbo"];

    public static readonly string[] SellerWords =
    [
        "Lotus", "Sunrise", "Bright", "Happy", "Golden", "Smart", "Star", "Ocean", "Jade", "Harmony", "Dragon", "Phoenix", "Rainbow",
        "Silver", "Lucky", "Blue", "Prime", "Nova", "Zen", "Maple", "Crystal", "Apex", "Eagle", "Sky",
    ];

    public static readonly string[] SellerTrades = ["Electronics", "Trading", "Technology", "Apparel", "Cosmetics", "E-Commerce", "Import & Export", "Digital", "Fashion", "Home Goods"];

    public static readonly string[] SellerForms = ["Co., Ltd", "Ltd", "Limited", "LLC", "Inc.", "Ltd. Sti.", "GmbH", "SRL", "S.A.S.", "K.K."];

    public static readonly string[] FirstNames =
    [
        "Anna", "Lucas", "Sophie", "Daan", "Emma", "Noah", "Julia", "Liam", "Mila", "Sem", "Tess", "Finn", "Sara", "Bram", "Lotte", "Jesse",
        "Wei", "Mei", "Ravi", "Priya", "Carlos", "Maria", "Ahmed", "Fatima", "Mehmet", "Ayşe", "Kwame", "Yuki", "Olga", "Ivan",
        "Zoë", "Chloé", "Jürgen", "Élodie", "Søren", "Łukasz", "Çağla", "Göran", "Noël", "Renée",
    ];

    public static readonly string[] LastNames =
    [
        "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
        "van den Berg", "van Dijk", "Dekker", "Wang", "Zhang", "Sharma", "Patel", "Garcia", "Hassan", "Yılmaz", "Mensah", "Tanaka",
        "Novak", "Kowalski", "Silva", "Okafor", "Müller", "Şahin", "Çelik", "Kovačević", "Dvořák", "Núñez", "Öztürk", "Gómez", "Jäger",
    ];

    public static readonly string[] Titles = ["Mr", "Mr.", "Mrs", "Ms", "Mevr.", "Dhr."];

    /// <summary>Dutch street names; the variants abbreviate the <c>straat</c>, <c>laan</c>, <c>weg</c>, <c>plein</c> ending.</summary>
    public static readonly string[] Streets =
    [
        "Kerkstraat", "Dorpsstraat", "Molenstraat", "Schoolstraat", "Stationsweg", "Julianalaan", "Beatrixlaan", "Marktplein",
        "Nieuwstraat", "Wilhelminastraat", "Parkweg", "Emmalaan", "Hoofdstraat", "Kastanjelaan", "Eikenlaan", "Prinsengracht",
        "Oranjestraat", "Lindenlaan", "Industrieweg", "Havenstraat",
    ];

    /// <summary>Cities with the first two digits of their postcodes.</summary>
    public static readonly (string City, int PostcodeFrom, int PostcodeTo)[] Cities =
    [
        ("Amsterdam", 1011, 1109), ("Rotterdam", 3011, 3089), ("Den Haag", 2491, 2597), ("Utrecht", 3511, 3585), ("Eindhoven", 5611, 5658),
        ("Groningen", 9711, 9747), ("Tilburg", 5011, 5049), ("Almere", 1311, 1364), ("Breda", 4811, 4839), ("Nijmegen", 6511, 6546),
        ("Zwolle", 8011, 8043), ("Haarlem", 2011, 2037), ("Arnhem", 6811, 6846), ("Leiden", 2311, 2334), ("Maastricht", 6211, 6229),
    ];

    public static readonly string[] EmailDomains = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "live.nl"];

    public static readonly string[] EmailTags = ["shop", "orders", "deals", "aliexp", "2", "nl", "parcel", "buy"];
}
