namespace OpenCts.Screening.Matching;

public sealed partial class ScreeningIndex
{
    /// <summary>Per-thread working memory, so that screening allocates little and threads never share state.</summary>
    private sealed class Scratch
    {
        private readonly int[] _stamp;
        private readonly List<(int Token, double Similarity)>[] _neighbours = new List<(int, double)>[MaxQueryTokens];
        private int _query;

        public Scratch(int names)
        {
            Bound = new double[names];
            _stamp = new int[names];
            for (var i = 0; i < _neighbours.Length; i++)
            {
                _neighbours[i] = [];
            }
        }

        /// <summary>Per listed name, the most the current query can score against it (times the query's total weight).</summary>
        public double[] Bound { get; }

        /// <summary>The listed names the current query reached through its tokens.</summary>
        public List<int> Touched { get; } = [];

        public double[] QueryWeights { get; } = new double[MaxQueryTokens];

        public double TotalWeight { get; set; }

        public List<(int Q, int N, double Similarity)> Pairs { get; } = [];

        public List<(int Q, int N, double Similarity)> Chosen { get; } = [];

        public List<(int Name, double Score)> Results { get; } = [];

        public Dictionary<int, int> BestOfEntry { get; } = [];

        public List<(int Token, double Similarity)> Neighbours(int q) => _neighbours[q];

        public void NextQuery()
        {
            Touched.Clear();
            _query++;
            if (_query >= int.MaxValue / (MaxQueryTokens + 1))
            {
                Array.Clear(_stamp);
                _query = 1;
            }
        }

        /// <summary>Adds a screened token's contribution to a name's bound, once per screened token (its neighbours come best first).</summary>
        public void Add(int name, int q, double contribution)
        {
            var baseStamp = _query * (MaxQueryTokens + 1);
            var stamp = _stamp[name];
            if (stamp < baseStamp)
            {
                Bound[name] = contribution;
                _stamp[name] = baseStamp + q + 1;
                Touched.Add(name);
            }
            else if (stamp < baseStamp + q + 1)
            {
                Bound[name] += contribution;
                _stamp[name] = baseStamp + q + 1;
            }
        }
    }
}
