using Course.Notebooks.Ipynb;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Running;

/// <summary>
/// Something that happened while a notebook ran: <paramref name="Event"/> came from code cell number
/// <paramref name="CellNumber"/> (1-based among code cells), which is <paramref name="Cell"/>.
/// </summary>
public sealed record NotebookRunEvent(int CellNumber, NotebookCell Cell, CellEvent Event);
