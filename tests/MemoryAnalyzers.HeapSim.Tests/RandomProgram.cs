using System;
using System.Collections.Generic;
using MemoryAnalyzers.HeapSim.CPython;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>
    /// Runs a random program of heap operations, encoded as ints, while keeping an independent shadow of the object
    /// graph (which objects reference which, what the roots hold), so the heap can be checked against it.
    /// </summary>
    internal sealed class RandomProgram
    {
        private const int Names = 6;
        private readonly ISimHeap _heap;
        private readonly Dictionary<ObjectId, ObjectId[]> _slots = new();
        private readonly List<Dictionary<string, ObjectId>> _frames = [new()];
        private readonly Dictionary<string, ObjectId> _globals = new();
        private readonly Dictionary<int, ObjectId> _handles = new();

        public RandomProgram(ISimHeap heap) => _heap = heap;

        public bool LastWasFullCollection { get; private set; }

        public void Step(int code)
        {
            uint c = (uint)code;
            int op = (int)(c % 13);
            int a = (int)(c / 13 % Names);
            int b = (int)(c / 13 / Names % Names);
            int s = (int)(c / 13 / Names / Names % 4);
            string na = "v" + a;
            string nb = "v" + b;
            LastWasFullCollection = false;
            Dictionary<string, ObjectId> locals = _frames[^1];
            switch (op)
            {
                case 0:
                case 1:
                    {
                        bool container = op == 0;
                        int slots = container ? s + 1 : 0;
                        ObjectId obj = _heap.Allocate(container ? HeapFactories.Node : HeapFactories.Leaf, 24 + (8 * (a + b)) + (s * 400), slots);
                        _slots[obj] = new ObjectId[slots];
                        Array.Fill(_slots[obj], ObjectId.Null);
                        _heap.StoreLocal(na, obj);
                        locals[na] = obj;
                        _heap.Release(obj);
                        break;
                    }

                case 2:
                    if (locals.TryGetValue(na, out ObjectId holder) && locals.TryGetValue(nb, out ObjectId target) && _slots[holder].Length > 0)
                    {
                        int slot = s % _slots[holder].Length;
                        _heap.SetReference(holder, slot, target);
                        _slots[holder][slot] = target;
                    }

                    break;
                case 3:
                    if (locals.TryGetValue(na, out ObjectId cleared) && _slots[cleared].Length > 0)
                    {
                        int slot = s % _slots[cleared].Length;
                        _heap.SetReference(cleared, slot, ObjectId.Null);
                        _slots[cleared][slot] = ObjectId.Null;
                    }

                    break;
                case 4:
                    _heap.DeleteLocal(na);
                    locals.Remove(na);
                    break;
                case 5:
                    if (locals.TryGetValue(na, out ObjectId copied))
                    {
                        _heap.StoreLocal(nb, copied);
                        locals[nb] = copied;
                    }

                    break;
                case 6:
                    if (_frames.Count < 4)
                    {
                        _heap.EnterFrame("f" + _frames.Count);
                        _frames.Add(new Dictionary<string, ObjectId>());
                    }

                    break;
                case 7:
                    if (_frames.Count > 1)
                    {
                        _heap.LeaveFrame();
                        _frames.RemoveAt(_frames.Count - 1);
                    }

                    break;
                case 8:
                    _heap.Collect(s % 3);
                    LastWasFullCollection = s % 3 == 2;
                    break;
                case 9:
                    if (locals.TryGetValue(na, out ObjectId global))
                    {
                        _heap.StoreGlobal("g" + b, global);
                        _globals["g" + b] = global;
                    }
                    else
                    {
                        _heap.DeleteGlobal("g" + b);
                        _globals.Remove("g" + b);
                    }

                    break;
                case 10:
                    if (locals.TryGetValue(na, out ObjectId handled) && _handles.Count < 4)
                    {
                        _handles[_heap.AllocHandle(handled)] = handled;
                    }
                    else if (_handles.Count > 0)
                    {
                        int first = -1;
                        foreach (int h in _handles.Keys)
                        {
                            first = first < 0 || h < first ? h : first;
                        }

                        _heap.FreeHandle(first);
                        _handles.Remove(first);
                    }

                    break;
                case 11:
                    if (locals.TryGetValue(na, out ObjectId from) && _slots[from].Length > 0)
                    {
                        ObjectId loaded = _slots[from][s % _slots[from].Length];
                        if (!loaded.IsNull)
                        {
                            _heap.StoreLocal(nb, loaded);
                            locals[nb] = loaded;
                        }
                    }

                    break;
                default:
                    if (_heap is ICPythonHeap py && locals.TryGetValue(na, out ObjectId item))
                    {
                        // A real list append, so buffers get reallocated through pymalloc.
                        ObjectId list = py.NewList();
                        for (int i = 0; i <= s * 3; i++)
                        {
                            py.Append(list, item);
                        }

                        py.Release(list);
                    }

                    break;
            }
        }

        /// <summary>Objects reachable from the shadow roots through the shadow slots.</summary>
        public HashSet<ObjectId> Reachable()
        {
            var seen = new HashSet<ObjectId>();
            var work = new Stack<ObjectId>();
            void Root(ObjectId id)
            {
                if (seen.Add(id))
                {
                    work.Push(id);
                }
            }

            foreach (Dictionary<string, ObjectId> frame in _frames)
            {
                foreach (ObjectId id in frame.Values)
                {
                    Root(id);
                }
            }

            foreach (ObjectId id in _globals.Values)
            {
                Root(id);
            }

            foreach (ObjectId id in _handles.Values)
            {
                Root(id);
            }

            while (work.Count > 0)
            {
                foreach (ObjectId target in _slots[work.Pop()])
                {
                    if (!target.IsNull)
                    {
                        Root(target);
                    }
                }
            }

            return seen;
        }

        /// <summary>Slots of an object as the test itself recorded them.</summary>
        public ObjectId[] ShadowSlots(ObjectId id) => _slots[id];
    }
}
