using System;
using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// The named and handle roots of a heap: stack frames of named locals (frame 0 is the module level), globals and
    /// handles. Stores object indices only; reference counting (and the temporaries) are the heap's job.
    /// </summary>
    internal sealed class RootSet
    {
        private readonly List<(string Name, Dictionary<string, int> Locals)> _frames = new() { ("<module>", new Dictionary<string, int>(StringComparer.Ordinal)) };
        private readonly List<int> _handles = new();
        private readonly Stack<int> _freeHandles = new();

        public Dictionary<string, int> Globals { get; } = new(StringComparer.Ordinal);

        public int FrameDepth => _frames.Count - 1;

        public Dictionary<string, int> CurrentLocals => _frames[^1].Locals;

        public void PushFrame(string name) => _frames.Add((name, new Dictionary<string, int>(StringComparer.Ordinal)));

        public Dictionary<string, int> PopFrame()
        {
            if (_frames.Count == 1)
            {
                throw new InvalidOperationException("No frame to leave: only the module level is active.");
            }

            Dictionary<string, int> locals = _frames[^1].Locals;
            _frames.RemoveAt(_frames.Count - 1);
            return locals;
        }

        public int AddHandle(int index)
        {
            if (_freeHandles.Count > 0)
            {
                int h = _freeHandles.Pop();
                _handles[h] = index;
                return h;
            }

            _handles.Add(index);
            return _handles.Count - 1;
        }

        public int RemoveHandle(int handle)
        {
            if ((uint)handle >= (uint)_handles.Count || _handles[handle] < 0)
            {
                throw new ArgumentException($"Handle {handle} is not allocated.", nameof(handle));
            }

            int index = _handles[handle];
            _handles[handle] = -1;
            _freeHandles.Push(handle);
            return index;
        }

        /// <summary>Calls <paramref name="visit"/> once per root reference. Order: frames, globals, handles.</summary>
        public void ForEach<TVisitor>(ref TVisitor visit)
            where TVisitor : struct, IIndexVisitor
        {
            foreach ((string _, Dictionary<string, int> locals) in _frames)
            {
                foreach (int index in locals.Values)
                {
                    visit.Visit(index);
                }
            }

            foreach (int index in Globals.Values)
            {
                visit.Visit(index);
            }

            foreach (int index in _handles)
            {
                if (index >= 0)
                {
                    visit.Visit(index);
                }
            }
        }
    }

    /// <summary>Callback over object indices, as a struct so the JIT can inline it.</summary>
    internal interface IIndexVisitor
    {
        void Visit(int index);
    }
}
