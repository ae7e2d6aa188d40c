using System;

// MEM015: a view subscribes to a static event and never unsubscribes: the event keeps every view alive, disposed or not.
public static class Bus
{
    public static event EventHandler Refresh;

    public static void Raise() => Refresh?.Invoke(null, EventArgs.Empty);
}

public sealed class ReportView : IDisposable
{
    private readonly byte[] _rows;

    public ReportView(int size)
    {
        _rows = new byte[size];
        Bus.Refresh += OnRefresh;
    }

    public int Refreshes { get; private set; }

    public void Dispose()
    {
    }

    private void OnRefresh(object sender, EventArgs e) => Refreshes += _rows.Length > 0 ? 1 : 0;
}

public static class Scenario
{
    public static object Run(int n)
    {
        var view = new ReportView(n);
        Bus.Raise();
        view.Dispose();

        // After the run: does the static event still hold the disposed view and its rows?
        return new WeakReference(view);
    }
}
