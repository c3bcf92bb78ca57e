namespace OpenCts.Targeting.Profiles.Compilation;

internal sealed partial class ProfileIndex
{
    /// <summary>One thread's work on the current consignment: the keys its values have, the guard bits met, the candidates so far.</summary>
    /// <remarks>
    /// Every per-profile and per-key array is stamped with the consignment's generation instead of being cleared,
    /// so that starting the next consignment costs nothing however many profiles there are.
    /// </remarks>
    internal sealed class Scratch
    {
        private readonly int[] _added;
        private readonly int[] _markStamp;
        private readonly int[] _mask;
        private readonly int[][] _keyStamp;
        private readonly int[][] _keys;
        private readonly int[] _keyCount;
        private int[] _full = [];
        private int _generation;

        public Scratch(int profiles, int[] keysPerPath)
        {
            _added = new int[profiles];
            _markStamp = new int[profiles];
            _mask = new int[profiles];
            _keyStamp = [.. keysPerPath.Select(n => new int[n])];
            _keys = [.. keysPerPath.Select(n => new int[Math.Min(n, 16)])];
            _keyCount = new int[keysPerPath.Length];
            Candidates = new int[Math.Max(16, profiles)];
        }

        public int[] Candidates { get; }

        public int Count { get; private set; }

        public void Begin(int[] fullMask)
        {
            _full = fullMask;
            Count = 0;
            Array.Clear(_keyCount);
            if (++_generation == int.MaxValue)
            {
                Array.Clear(_added);
                Array.Clear(_markStamp);
                foreach (var stamps in _keyStamp)
                {
                    Array.Clear(stamps);
                }
                _generation = 1;
            }
        }

        /// <summary>Notes that the consignment has a key of a field, once however many of its values have it.</summary>
        public void AddKey(int path, int key)
        {
            if (_keyStamp[path][key] == _generation)
            {
                return;
            }
            _keyStamp[path][key] = _generation;
            var keys = _keys[path];
            var count = _keyCount[path];
            if (count == keys.Length)
            {
                // Keys are distinct, so a field never has more than the index knows.
                Array.Resize(ref _keys[path], Math.Min(keys.Length * 2, _keyStamp[path].Length));
            }
            _keys[path][count] = key;
            _keyCount[path] = count + 1;
        }

        public ReadOnlySpan<int> KeysOf(int path) => _keys[path].AsSpan(0, _keyCount[path]);

        /// <summary>Adds profiles to the candidates, each once.</summary>
        public void AddAll(int[] profiles)
        {
            foreach (var profile in profiles)
            {
                if (_added[profile] != _generation)
                {
                    _added[profile] = _generation;
                    Candidates[Count++] = profile;
                }
            }
        }

        /// <summary>Marks one guard of a profile met; the profile is a candidate once all its guards are.</summary>
        public void Mark(Posting posting)
        {
            var p = posting.Profile;
            if (_markStamp[p] != _generation)
            {
                _markStamp[p] = _generation;
                _mask[p] = 0;
            }
            var after = _mask[p] | posting.Bit;
            _mask[p] = after;
            if (after == _full[p] && _added[p] != _generation)
            {
                _added[p] = _generation;
                Candidates[Count++] = p;
            }
        }
    }
}
