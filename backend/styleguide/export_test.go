package styleguide

// Compiles says how many times the service compiled a checker, so tests can
// see the cache at work.
func (s *Service) Compiles() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.compiles
}
