namespace OpenCts.Commerce.Tests.Classification;

/// <summary>A seeded catalogue of e-commerce parcel descriptions with the HS heading each is classified under, as sellers write them.</summary>
internal static class ParcelCatalogue
{
    /// <summary>Heading, then the ways sellers name the goods.</summary>
    public static readonly (string Heading, string[] Goods)[] Items =
    [
        ("8517", ["smartphone", "mobile phone", "cell phone", "android phone 128gb", "unlocked smartphone", "5g mobile phone", "dual sim phone"]),
        ("8518", ["wireless earbuds", "bluetooth headphones", "earphones", "in-ear headset", "bluetooth speaker", "noise cancelling headphones", "true wireless earbuds", "gaming headset with mic"]),
        ("9102", ["wrist watch", "quartz watch", "men watch stainless steel", "automatic wristwatch", "ladies watch", "digital sports watch"]),
        ("6404", ["sneakers", "running shoes", "canvas shoes", "trainers rubber sole", "sports shoes", "basketball shoes"]),
        ("6403", ["leather boots", "leather shoes", "chelsea boots leather upper", "leather loafers"]),
        ("4202", ["handbag", "leather handbag", "backpack", "wallet", "tote bag", "shoulder bag", "travel suitcase", "leather purse", "phone case leather"]),
        ("3303", ["perfume", "eau de parfum", "eau de toilette spray", "fragrance for women", "cologne for men"]),
        ("3304", ["lipstick", "face cream", "eye shadow palette", "foundation makeup", "nail polish", "mascara", "skin care serum", "sunscreen lotion"]),
        ("9503", ["toy car", "plush toy", "building blocks", "doll", "puzzle for kids", "remote control car toy", "stuffed animal", "kids toy set"]),
        ("6109", ["t-shirt", "cotton t-shirt", "tee shirt", "graphic tee", "tank top cotton", "mens t shirt"]),
        ("6110", ["sweater", "hoodie", "pullover", "cardigan knitted", "sweatshirt"]),
        ("6204", ["women dress", "ladies skirt", "summer dress", "trousers for women", "evening dress"]),
        ("3926", ["phone case silicone", "plastic phone cover", "plastic storage box", "plastic hooks", "tpu phone case"]),
        ("8471", ["laptop", "notebook computer", "tablet pc", "mini pc", "gaming laptop 16gb ram", "chromebook"]),
        ("8473", ["laptop keyboard replacement", "computer parts", "laptop battery", "graphics card", "ram memory module"]),
        ("8543", ["vape", "electronic cigarette", "e-cigarette kit", "vape pen", "disposable vape", "vaporizer device"]),
        ("3004", ["medicine", "vitamin tablets", "painkiller tablets", "antibiotic capsules", "pharmaceutical pills", "cough syrup"]),
        ("8211", ["kitchen knife", "pocket knife", "folding knife", "chef knife set", "hunting knife"]),
        ("8504", ["phone charger", "usb charger", "power adapter", "laptop charger", "wall charger 65w"]),
        ("8507", ["power bank", "lithium battery", "rechargeable battery pack", "li-ion battery"]),
        ("8544", ["usb cable", "charging cable", "hdmi cable", "lightning cable", "type c cable"]),
        ("7117", ["fashion jewellery", "imitation necklace", "costume earrings", "bracelet alloy", "fake gold chain"]),
        ("7113", ["gold ring", "silver necklace 925", "gold earrings", "sterling silver bracelet"]),
        ("9004", ["sunglasses", "reading glasses", "polarized sunglasses", "goggles"]),
        ("8525", ["action camera", "security camera", "webcam", "dash cam", "ip camera wifi"]),
        ("9504", ["video game console", "game controller", "playing cards", "board game", "gamepad"]),
        ("8516", ["hair dryer", "electric kettle", "hair straightener", "coffee maker", "electric heater"]),
        ("8509", ["blender", "juicer", "food processor", "kitchen mixer"]),
        ("8510", ["electric shaver", "hair clipper", "beard trimmer", "epilator"]),
        ("6402", ["rubber slippers", "flip flops", "plastic sandals", "rain boots rubber"]),
        ("9405", ["led lamp", "desk lamp", "led strip lights", "ceiling light", "night light"]),
        ("4901", ["book", "printed book", "novel paperback", "textbook", "comic book"]),
        ("6302", ["bed sheets", "towel set", "pillowcase", "bath towel", "table cloth"]),
        ("9603", ["toothbrush", "makeup brush set", "hair brush", "paint brushes"]),
        ("3924", ["plastic kitchenware", "plastic cups", "lunch box plastic", "plastic water bottle"]),
        ("7323", ["stainless steel pot", "frying pan", "steel cookware", "kitchen utensils steel"]),
        ("9506", ["yoga mat", "fitness equipment", "tennis racket", "dumbbells", "fishing rod", "skateboard"]),
        ("8712", ["bicycle", "mountain bike", "road bike", "kids bicycle"]),
        ("2106", ["protein powder", "food supplement", "dietary supplement capsules", "collagen powder"]),
        ("0902", ["green tea", "black tea leaves", "tea bags", "oolong tea"]),
    ];

    private static readonly string[] Before = ["", "", "", "new ", "women's ", "men's ", "kids ", "black ", "white ", "pink ", "blue ", "red ", "2pcs ", "original ", "premium ", "cheap ", "mini ", "sample "];
    private static readonly string[] After = ["", "", "", " 1pc", " x2", " gift", " for gift", " brand new", " size m", " 2024 model", " with box", " black", " set", " (sample)", " free shipping"];

    /// <summary>Labelled descriptions: <paramref name="perHeading"/> for each heading, drawn with the seed.</summary>
    public static List<(string Description, string Hs)> Lines(int seed, int perHeading)
    {
        var random = new Random(seed);
        var lines = new List<(string, string)>();
        foreach (var (heading, goods) in Items)
        {
            for (var i = 0; i < perHeading; i++)
            {
                var text = Before[random.Next(Before.Length)] + goods[random.Next(goods.Length)] + After[random.Next(After.Length)];
                lines.Add((random.Next(3) == 0 ? text.ToUpperInvariant() : text, heading));
            }
        }
        return lines;
    }
}
