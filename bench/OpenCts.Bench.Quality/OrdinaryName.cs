namespace OpenCts.Bench.Quality;

/// <summary>The naming tradition an ordinary name was drawn from, so that false alerts can be counted for each.</summary>
public enum NameTradition
{
    /// <summary>Arabic given and family names (Muhammad, Ali, Hassan, Al-Masri).</summary>
    Arabic,

    /// <summary>Persian given and family names (Reza, Hossein, Karimi).</summary>
    Persian,

    /// <summary>Russian given names, patronymics and family names (Sergei Ivanovich Petrov).</summary>
    Russian,

    /// <summary>Chinese given and family names in pinyin and Cantonese spellings (Wang Wei, Chan).</summary>
    Chinese,

    /// <summary>Korean given and family names (Kim Min-jun, Ri, Park).</summary>
    Korean,

    /// <summary>European, Japanese, South Asian, Turkish and African people's names: the pool measured before the traditions above were added.</summary>
    Other,

    /// <summary>Company names made of place words, trade words, family names and legal forms.</summary>
    Company,
}

/// <summary>An ordinary name that is on no list, and the tradition it was drawn from.</summary>
public sealed record OrdinaryName(string Name, NameTradition Tradition);
