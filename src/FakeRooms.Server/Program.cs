using FakeRooms.Server;

// This process is only the fake: it may set process-wide defaults while it starts (Hosting/WireMockAdapter.cs).
FakeRooms.Hosting.WireMockAdapter.OwnsProcess = true;
return await ServerCommand.RunAsync(args, Console.Out, Console.Error);
