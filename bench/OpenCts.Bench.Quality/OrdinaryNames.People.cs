namespace OpenCts.Bench.Quality;

/// <summary>Word lists of people's names, by tradition.</summary>
/// <remarks>
/// The Arabic, Persian, Russian, Chinese and Korean lists hold the name words most common on sanctions lists:
/// a pool without them would measure false alerts only where they are rare.
/// </remarks>
public sealed partial class OrdinaryNames
{
    /// <summary>Given names, middle names (patronymics or fathers' names) and family names of one tradition.</summary>
    private sealed record PeopleNames(NameTradition Tradition, string[] Given, string[] Middle, string[] Family);

    private static readonly string[] ArabicGiven =
    [
        "Muhammad", "Mohammed", "Mohamed", "Mohammad", "Ahmad", "Ahmed", "Ali", "Omar", "Umar", "Hassan", "Hussein", "Husain", "Ibrahim",
        "Khalil", "Mahmoud", "Mustafa", "Youssef", "Yusuf", "Khaled", "Khalid", "Abdullah", "Abdul Rahman", "Abdel Aziz", "Abdulaziz",
        "Abdul Karim", "Abdul", "Saeed", "Said", "Salem", "Salim", "Tariq", "Tarek", "Nasser", "Faisal", "Fahad", "Sultan", "Majid", "Walid",
        "Hamza", "Bilal", "Anas", "Ziad", "Jamal", "Karim", "Samir", "Sami", "Adel", "Nabil", "Rashid", "Hamad", "Mansour", "Yasser",
        "Osama", "Amr", "Hisham", "Fatima", "Aisha", "Maryam", "Khadija", "Zainab", "Layla", "Noor", "Huda", "Amina", "Salma", "Hana",
        "Rania", "Yasmin", "Dina", "Mona", "Reem", "Samira",
    ];

    private static readonly string[] ArabicFamily =
    [
        "Al-Masri", "Haddad", "Khoury", "Nasser", "Hassan", "Hussein", "Ibrahim", "Abdullah", "Mansour", "Saleh", "Salem", "Hamdan", "Qasim",
        "Al-Hashimi", "Al-Amin", "Al-Sayed", "El-Sayed", "Abdel-Rahman", "Youssef", "Mahmoud", "Othman", "Suleiman", "Said", "Aziz",
        "Rahman", "Al-Khatib", "Darwish", "Bakr", "Haidar", "Jaber", "Najjar", "Khalil", "Farouk", "Ghanem", "Shaheen", "Awad", "Zaki",
        "Fathi", "Kamal", "Hamid", "Al-Zahrani", "Al-Otaibi", "Al-Qahtani", "Al-Ghamdi", "Al-Shamsi", "Al-Mansoori", "Al-Dosari", "Tahir",
        "Barakat", "Mustafa", "Omar", "Ali", "Ahmad",
    ];

    private static readonly string[] PersianGiven =
    [
        "Reza", "Hossein", "Mohammad", "Ali", "Mehdi", "Hamid", "Saeed", "Amir", "Hassan", "Mahmoud", "Majid", "Mohsen", "Ahmad", "Javad",
        "Hadi", "Morteza", "Mostafa", "Abbas", "Behrouz", "Dariush", "Kourosh", "Farhad", "Babak", "Ramin", "Arash", "Kaveh", "Siavash",
        "Omid", "Navid", "Payam", "Pouya", "Shahram", "Bijan", "Nima", "Parviz", "Fereydoun", "Alireza", "Mohammadreza", "Gholamreza",
        "Maryam", "Zahra", "Fatemeh", "Narges", "Leila", "Shirin", "Parisa", "Neda", "Sara", "Mina", "Roya", "Azadeh", "Golnaz", "Mahsa",
        "Samira", "Niloufar", "Elham", "Fariba",
    ];

    private static readonly string[] PersianFamily =
    [
        "Karimi", "Rahimi", "Hosseini", "Mohammadi", "Ahmadi", "Rezaei", "Moradi", "Jafari", "Ghasemi", "Hashemi", "Rostami", "Sadeghi",
        "Mousavi", "Kazemi", "Akbari", "Ebrahimi", "Heidari", "Salehi", "Nazari", "Abbasi", "Mohammadzadeh", "Hosseinzadeh", "Tehrani",
        "Shirazi", "Esfahani", "Tabrizi", "Kashani", "Rahmani", "Najafi", "Amini", "Zamani", "Bagheri", "Soltani", "Ghorbani", "Yousefi",
        "Asadi", "Farahani", "Khorasani", "Azizi", "Shahbazi", "Jalali", "Kiani", "Nouri", "Safavi", "Tavakoli", "Bahrami", "Shams",
    ];

    private static readonly string[] RussianGiven =
    [
        "Sergei", "Sergey", "Dmitry", "Dmitri", "Alexander", "Alexei", "Andrei", "Ivan", "Mikhail", "Nikolai", "Vladimir", "Yuri", "Igor",
        "Oleg", "Pavel", "Viktor", "Boris", "Anatoly", "Yevgeny", "Konstantin", "Maxim", "Roman", "Artem", "Denis", "Kirill", "Vadim",
        "Vasily", "Stanislav", "Gennady", "Leonid", "Olga", "Natalia", "Tatiana", "Elena", "Irina", "Svetlana", "Anna", "Maria", "Ekaterina",
        "Yulia", "Marina", "Galina", "Lyudmila", "Oksana", "Anastasia", "Daria", "Ksenia", "Valentina", "Nadezhda", "Polina",
    ];

    private static readonly string[] RussianPatronymics =
    [
        "Sergeyevich", "Ivanovich", "Petrovich", "Alexandrovich", "Dmitrievich", "Nikolaevich", "Vladimirovich", "Mikhailovich", "Andreyevich",
        "Viktorovich", "Yurievich", "Olegovich", "Borisovich", "Pavlovich", "Sergeyevna", "Ivanovna", "Petrovna", "Alexandrovna",
        "Nikolaevna", "Vladimirovna", "Mikhailovna", "Andreyevna", "Viktorovna", "Yurievna",
    ];

    private static readonly string[] RussianFamily =
    [
        "Ivanov", "Petrov", "Smirnov", "Sidorov", "Kuznetsov", "Popov", "Vasiliev", "Sokolov", "Mikhailov", "Novikov", "Fedorov", "Morozov",
        "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov", "Andreev", "Makarov",
        "Nikitin", "Zakharov", "Zaitsev", "Soloviev", "Borisov", "Yakovlev", "Grigoriev", "Romanov", "Vorobiev", "Sergeev", "Frolov",
        "Belov", "Gusev", "Titov", "Kiselev", "Markov", "Ivanova", "Petrova", "Smirnova", "Kuznetsova", "Popova", "Sokolova", "Volkova",
        "Morozova", "Novikova", "Lebedeva",
    ];

    private static readonly string[] ChineseGiven =
    [
        "Wei", "Fang", "Lei", "Jing", "Min", "Xiu", "Li", "Na", "Yan", "Jun", "Hui", "Ming", "Hong", "Ping", "Qiang", "Yong", "Jie", "Tao",
        "Bo", "Hao", "Xin", "Yu", "Chao", "Gang", "Lin", "Juan", "Ying", "Xia", "Hua", "Jian", "Jianguo", "Zhiwei", "Xiaoming", "Haiyan",
        "Xiaoyan", "Guoqiang", "Dongmei", "Yifan", "Zihan", "Yuxuan", "Haoran", "Jiahui", "Shuang", "Peng", "Kai", "Long", "Feng", "Bin",
        "Liang", "Mei",
    ];

    private static readonly string[] ChineseFamily =
    [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao",
        "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan",
        "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Cui", "Zhong", "Tan", "Fan",
        "Wong", "Chan", "Leung", "Cheung", "Lau", "Ng",
    ];

    private static readonly string[] KoreanGiven =
    [
        "Min-jun", "Seo-yeon", "Ji-woo", "Ji-hoon", "Hyun-woo", "Seo-jun", "Do-yun", "Ye-jun", "Si-woo", "Joo-won", "Ha-eun", "Ji-yoo",
        "Soo-ah", "Ji-min", "Yoon-seo", "Seo-hyun", "Min-seo", "Eun-ji", "Hye-jin", "Young-ho", "Sung-min", "Jae-hyun", "Dong-hyun",
        "Sang-woo", "Kyung-soo", "Jung-hoon", "Tae-yang", "Hyun-jin", "Soo-jin", "Mi-kyung", "Eun-young", "Jin-ho", "Kwang-soo", "Young-soo",
        "Chul-soo", "Young-hee", "Myung-hee", "Minjun", "Seoyeon", "Jiwoo", "Jihoon", "Hyunwoo", "Jimin", "Sungho", "Jaewon", "Hyejin",
    ];

    private static readonly string[] KoreanFamily =
    [
        "Kim", "Lee", "Yi", "Ri", "Park", "Pak", "Choi", "Choe", "Jung", "Jeong", "Kang", "Cho", "Jo", "Yoon", "Yun", "Jang", "Lim", "Im",
        "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Yoo", "Ko", "Moon", "Yang", "Son", "Bae", "Baek", "Heo",
        "Nam", "Noh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Woo", "Min", "Ryu", "Na", "Jin", "Ji", "Um", "Chae",
    ];

    private static readonly string[] OtherGiven =
    [
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Mary", "Patricia", "Jennifer",
        "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Emma", "Olivia", "Sophie", "Charlotte", "Amelia", "Oliver",
        "Harry", "George", "Jack", "Noah", "Lukas", "Jonas", "Leon", "Finn", "Anna", "Lena", "Hannah", "Marie", "Klaus", "Jürgen", "Stefan",
        "Pierre", "Jean", "Louis", "Camille", "Chloé", "Manon", "Antoine", "Julien", "Nicolas", "Giulia", "Francesca", "Marco", "Luca",
        "Alessandro", "Matteo", "Lorenzo", "Chiara", "Sofia", "Lucía", "Pablo", "Javier", "Sergio", "Carmen", "Isabel", "Elena", "Diego",
        "Mateus", "Gabriel", "Rafael", "Beatriz", "Joana", "Tiago", "Hiroshi", "Yuki", "Kenji", "Haruto", "Sakura", "Aiko", "Priya", "Rahul",
        "Anil", "Sunita", "Arjun", "Deepa", "Vikram", "Ravi", "Meera", "Kavya", "Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Jan", "Pieter",
        "Sanne", "Daan", "Lars", "Ingrid", "Sven", "Astrid", "Mikko", "Aino", "Mehmet", "Ayşe", "Emre", "Zeynep", "Burak", "Elif", "Kwame",
        "Ama", "Chinedu", "Ngozi", "Thabo", "Lerato", "Aroha", "Tane", "Liam", "Chloe", "Ethan", "Mia", "Lucas", "Ava", "Mason", "Zoe",
        "Nora", "Oscar", "Felix", "Hugo", "Ines", "Maja", "Erik", "Nils", "Tobias", "Florian", "Sebastian", "Dominik", "Veronika", "Tereza",
        "Ondřej", "Bence", "Réka",
    ];

    private static readonly string[] OtherFamily =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin",
        "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green",
        "Baker", "Adams", "Nelson", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Roux",
        "Fournier", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
        "Conti", "Costa", "Giordano", "Mancini", "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Carvalho", "Almeida", "Ribeiro",
        "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Patel", "Sharma", "Gupta", "Singh",
        "Kumar", "Reddy", "Iyer", "Nair", "Mehta", "Joshi", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "de Jong", "Jansen",
        "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Hansen", "Johansson", "Nielsen", "Andersson", "Karlsson", "Virtanen",
        "Korhonen", "Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk", "Mensah", "Okafor", "Adeyemi", "Nkosi", "Dlamini", "Novák",
        "Svoboda", "Dvořák", "Horváth", "Nagy", "Tóth", "Papadopoulos", "Georgiou", "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "Walsh",
        "Fernández", "García", "Martínez", "Sánchez", "Pérez", "Gómez", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez",
    ];

    private static readonly PeopleNames[] People =
    [
        new(NameTradition.Arabic, ArabicGiven, ArabicGiven, ArabicFamily),
        new(NameTradition.Persian, PersianGiven, PersianGiven, PersianFamily),
        new(NameTradition.Russian, RussianGiven, RussianPatronymics, RussianFamily),
        new(NameTradition.Chinese, ChineseGiven, ChineseGiven, ChineseFamily),
        new(NameTradition.Korean, KoreanGiven, KoreanGiven, KoreanFamily),
        new(NameTradition.Other, OtherGiven, OtherGiven, OtherFamily),
    ];
}
